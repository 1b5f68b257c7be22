package cki.test.beaker;

import cki.test.plan.HostRequirement;
import java.io.StringWriter;
import java.util.Map;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Renders a {@link BeakerJob} as Beaker job XML through the DOM, so every value is escaped and the
 * structure follows the model (see beaker-job.rng): job > whiteboard, recipeSet > recipe >
 * watchdog, distroRequires, hostRequires, task > fetch, params.
 */
public final class BeakerJobXml {
    private BeakerJobXml() {
    }

    public static String render(BeakerJob job) {
        Document document = XmlRpc.newDocument();
        Element root = document.createElement("job");
        document.appendChild(root);
        if (job.retentionTag() != null) {
            root.setAttribute("retention_tag", job.retentionTag());
        }
        add(root, "whiteboard").setTextContent(job.whiteboard());
        for (BeakerJob.RecipeSet set : job.recipeSets()) {
            Element recipeSet = add(root, "recipeSet");
            recipeSet.setAttribute("priority", "Normal");
            recipe(add(recipeSet, "recipe"), set.recipe());
        }
        return serialize(document);
    }

    private static void recipe(Element recipe, BeakerJob.Recipe model) {
        recipe.setAttribute("whiteboard", model.whiteboard());
        add(recipe, "watchdog").setAttribute("panic", model.watchdogPanic());
        Element distroAnd = add(add(recipe, "distroRequires"), "and");
        for (String key : new java.util.TreeSet<>(model.distroRequires().keySet())) {
            Element condition = add(distroAnd, "distro_" + key);
            condition.setAttribute("op", "=");
            condition.setAttribute("value", model.distroRequires().get(key));
        }
        Element hostAnd = add(add(recipe, "hostRequires"), "and");
        for (HostRequirement requirement : model.hostRequires()) {
            Element condition = add(hostAnd, requirement.name());
            condition.setAttribute("op", requirement.op());
            condition.setAttribute("value", requirement.value());
        }
        for (BeakerJob.Task taskModel : model.tasks()) {
            Element task = add(recipe, "task");
            task.setAttribute("name", taskModel.name());
            task.setAttribute("role", "STANDALONE");
            if (taskModel.fetchUrl() != null) {
                add(task, "fetch").setAttribute("url", taskModel.fetchUrl());
            }
            if (!taskModel.params().isEmpty()) {
                Element params = add(task, "params");
                for (Map.Entry<String, String> entry : taskModel.params().entrySet()) {
                    Element param = add(params, "param");
                    param.setAttribute("name", entry.getKey());
                    param.setAttribute("value", entry.getValue());
                }
            }
        }
    }

    private static Element add(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }

    private static String serialize(Document document) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString().strip() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
