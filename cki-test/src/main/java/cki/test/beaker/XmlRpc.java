package cki.test.beaker;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The small part of XML-RPC (xmlrpc.com/spec) Beaker's hub needs: a {@code methodCall} with string,
 * int, boolean, array and struct params, and a {@code methodResponse} holding one value or a fault.
 */
public final class XmlRpc {
    /** An XML-RPC fault: the server understood the call and refused it. */
    public static final class Fault extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;
        private final String faultString;

        public Fault(int code, String faultString) {
            super("XML-RPC fault " + code + ": " + faultString);
            this.code = code;
            this.faultString = faultString;
        }

        public int code() {
            return code;
        }

        public String faultString() {
            return faultString;
        }
    }

    private XmlRpc() {
    }

    public static String methodCall(String method, Object... params) {
        Document document = newDocument();
        Element call = document.createElement("methodCall");
        document.appendChild(call);
        append(call, "methodName").setTextContent(method);
        Element list = append(call, "params");
        for (Object param : params) {
            encode(append(append(list, "param"), "value"), param);
        }
        return serialize(document);
    }

    static void encode(Element value, Object param) {
        if (param == null) {
            append(value, "nil");
        } else if (param instanceof String text) {
            append(value, "string").setTextContent(text);
        } else if (param instanceof Integer || param instanceof Long || param instanceof Short) {
            append(value, "int").setTextContent(param.toString());
        } else if (param instanceof Boolean flag) {
            append(value, "boolean").setTextContent(flag ? "1" : "0");
        } else if (param instanceof Double || param instanceof Float) {
            append(value, "double").setTextContent(param.toString());
        } else if (param instanceof List<?> items) {
            Element data = append(append(value, "array"), "data");
            items.forEach(item -> encode(append(data, "value"), item));
        } else if (param instanceof Map<?, ?> members) {
            Element struct = append(value, "struct");
            members.forEach((name, member) -> {
                Element entry = append(struct, "member");
                append(entry, "name").setTextContent(name.toString());
                encode(append(entry, "value"), member);
            });
        } else {
            throw new IllegalArgumentException("no XML-RPC type for " + param.getClass().getName());
        }
    }

    /** The value of a methodResponse. */
    public static Object parseResponse(String xml) throws IOException, Fault {
        String start = xml.stripLeading().toLowerCase(java.util.Locale.ROOT);
        if (start.startsWith("<html") || start.startsWith("<!doctype html")) {
            // a single sign-on or proxy page where the hub should be: the XML parser's words would hide that
            throw new IOException("the hub answered with a web page, not XML-RPC (a login or error page?): check"
                    + " --beaker-url, whose /RPC2 must answer XML-RPC");
        }
        Element root = parse(xml).getDocumentElement();
        if (!"methodResponse".equals(root.getTagName())) {
            throw new IOException("not an XML-RPC methodResponse: <" + root.getTagName() + ">");
        }
        var fault = child(root, "fault");
        if (fault.isPresent()) {
            Object value = decode(child(fault.get(), "value").orElseThrow(() -> new IOException("fault without value")));
            if (!(value instanceof Map<?, ?> struct)) {
                throw new IOException("malformed XML-RPC fault");
            }
            Object code = struct.get("faultCode");
            return throwFault(code instanceof Integer number ? number : -1, String.valueOf(struct.get("faultString")));
        }
        Element params = child(root, "params").orElseThrow(() -> new IOException("methodResponse without params"));
        Element param = child(params, "param").orElseThrow(() -> new IOException("methodResponse without a param"));
        return decode(child(param, "value").orElseThrow(() -> new IOException("param without value")));
    }

    private static Object throwFault(int code, String message) throws Fault {
        throw new Fault(code, message);
    }

    static Object decode(Element value) throws IOException {
        List<Element> typed = children(value, null);
        if (typed.isEmpty()) {
            return value.getTextContent(); // no type element means string
        }
        Element typedValue = typed.get(0);
        String text = typedValue.getTextContent();
        try {
            switch (typedValue.getTagName()) {
                case "string":
                    return text;
                case "int":
                case "i4":
                case "i8":
                    return Integer.valueOf(text.strip());
                case "boolean":
                    return "1".equals(text.strip()) || "true".equalsIgnoreCase(text.strip());
                case "double":
                    return Double.valueOf(text.strip());
                case "nil":
                    return null;
                case "dateTime.iso8601":
                case "base64":
                    return text.strip();
                case "array":
                    List<Object> items = new ArrayList<>();
                    Element data = child(typedValue, "data").orElseThrow(() -> new IOException("array without data"));
                    for (Element item : children(data, "value")) {
                        items.add(decode(item));
                    }
                    return items;
                case "struct":
                    Map<String, Object> members = new LinkedHashMap<>();
                    for (Element member : children(typedValue, "member")) {
                        String name = child(member, "name").map(Node::getTextContent).orElse("");
                        members.put(name, decode(child(member, "value")
                                .orElseThrow(() -> new IOException("member " + name + " without value"))));
                    }
                    return members;
                default:
                    throw new IOException("unknown XML-RPC type <" + typedValue.getTagName() + ">");
            }
        } catch (NumberFormatException e) {
            throw new IOException("bad XML-RPC number: " + text, e);
        }
    }

    static Document parse(String xml) throws IOException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A namespace-aware parser with external entities and DTDs off (the input comes off the network). */
    static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    static Document newDocument() {
        try {
            return factory().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String serialize(Document document) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static Element append(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }

    static java.util.Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found.get(0));
    }

    /** Element children, all of them when {@code name} is null. */
    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || name.equals(element.getTagName()))) {
                result.add(element);
            }
        }
        return result;
    }
}
