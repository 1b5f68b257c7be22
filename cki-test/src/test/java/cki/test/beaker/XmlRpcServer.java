package cki.test.beaker;

import static cki.test.beaker.XmlRpc.append;
import static cki.test.beaker.XmlRpc.child;
import static cki.test.beaker.XmlRpc.children;
import static cki.test.beaker.XmlRpc.decode;
import static cki.test.beaker.XmlRpc.encode;
import static cki.test.beaker.XmlRpc.newDocument;
import static cki.test.beaker.XmlRpc.parse;
import static cki.test.beaker.XmlRpc.serialize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The server's side of XML-RPC, for the fake Beaker hub: cki itself only calls. */
final class XmlRpcServer {
    private XmlRpcServer() {
    }

    /** A response carrying one value. */
    static String methodResponse(Object value) {
        Document document = newDocument();
        Element response = document.createElement("methodResponse");
        document.appendChild(response);
        encode(append(append(append(response, "params"), "param"), "value"), value);
        return serialize(document);
    }

    /** A fault response. */
    static String faultResponse(int code, String message) {
        Document document = newDocument();
        Element response = document.createElement("methodResponse");
        document.appendChild(response);
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", code);
        fault.put("faultString", message);
        encode(append(append(response, "fault"), "value"), fault);
        return serialize(document);
    }

    /** The method name and params of a call. */
    record Call(String method, List<Object> params) {
    }

    static Call parseCall(String xml) throws IOException {
        Element root = parse(xml).getDocumentElement();
        if (!"methodCall".equals(root.getTagName())) {
            throw new IOException("not an XML-RPC methodCall: <" + root.getTagName() + ">");
        }
        String method = child(root, "methodName").map(Node::getTextContent).orElse("").strip();
        List<Object> params = new ArrayList<>();
        Element list = child(root, "params").orElse(null);
        if (list != null) {
            for (Element param : children(list, "param")) {
                params.add(decode(child(param, "value").orElseThrow(() -> new IOException("param without value"))));
            }
        }
        return new Call(method, params);
    }
}
