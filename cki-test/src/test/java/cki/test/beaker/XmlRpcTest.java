package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcTest {
    @Test
    void aCallIsTheSpecsWireFormat() {
        String xml = XmlRpc.methodCall("jobs.upload", "<job>&</job>", Boolean.FALSE);
        assertTrue(xml.contains("<methodCall><methodName>jobs.upload</methodName><params>"
                + "<param><value><string>&lt;job&gt;&amp;&lt;/job&gt;</string></value></param>"
                + "<param><value><boolean>0</boolean></value></param></params></methodCall>"), xml);
    }

    @Test
    void responsesDecodeEveryTypeBeakerSends() throws Exception {
        String response = """
                <?xml version='1.0'?>
                <methodResponse><params><param><value><struct>
                  <member><name>id</name><value><int>42</int></value></member>
                  <member><name>name</name><value>untyped is a string</value></member>
                  <member><name>ok</name><value><boolean>1</boolean></value></member>
                  <member><name>ids</name><value><array><data><value><string>J:1</string></value><value><i4>2</i4></value></data></array></value></member>
                  <member><name>none</name><value><nil/></value></member>
                </struct></value></param></params></methodResponse>
                """;
        Map<?, ?> value = (Map<?, ?>) XmlRpc.parseResponse(response);
        assertEquals(42, value.get("id"));
        assertEquals("untyped is a string", value.get("name"));
        assertEquals(true, value.get("ok"));
        assertEquals(List.of("J:1", 2), value.get("ids"));
        assertTrue(value.containsKey("none") && value.get("none") == null);
    }

    @Test
    void aFaultBecomesAnExceptionWithCodeAndText() {
        String fault = XmlRpcServer.faultResponse(1, "<class 'bkr.common.bexceptions.BX'>:Invalid username or password");
        XmlRpc.Fault thrown = assertThrows(XmlRpc.Fault.class, () -> XmlRpc.parseResponse(fault));
        assertEquals(1, thrown.code());
        assertEquals("Invalid username or password", BeakerClient.readable(thrown.faultString()));
    }

    @Test
    void notXmlRpcIsAnIoError() {
        assertTrue(assertThrows(java.io.IOException.class, () -> XmlRpc.parseResponse(
                "\n<!DOCTYPE html><html><body>Log in<br></body></html>")).getMessage()
                .startsWith("the hub answered with a web page, not XML-RPC"));
        assertThrows(java.io.IOException.class, () -> XmlRpc.parseResponse("<html>502 Bad Gateway</html>"));
        assertThrows(java.io.IOException.class, () -> XmlRpc.parseResponse("not xml"));
    }

    @Test
    void doctypesAreRefused() {
        assertThrows(java.io.IOException.class, () -> XmlRpc.parseResponse(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><methodResponse>&e;</methodResponse>"));
    }
}
