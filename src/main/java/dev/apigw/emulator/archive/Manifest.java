package dev.apigw.emulator.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code APIGatewayAssets.acdl}, the archive's XML manifest: one {@code <asset>} per asset with its display name,
 * type and {@code dependsOn} edges (sorted), under the product's fixed header; only {@code runtimeVersion} and the
 * build timestamp vary. Built while an export is written ({@link #add}); read back on import for the source's
 * version, display names and the API → Application edges of archives older than 10.7.
 */
final class Manifest {
    /** One asset: {@code name} is {@code <Type>.<id>}. */
    record Asset(String name, String displayName, String type, TreeSet<String> dependsOn) {
    }

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<asset_composite name=\"APIGatewayAssets\" displayName=\"Assets for API Gateway\" runtimeVersion=\"%s\" "
        + "targetNamespace=\"http://namespaces.softwareag.com/webMethods/APIGateway\" xmlns=\"http://namespaces.softwareag.com/acdl/1.0\" "
        + "xmlns:EDA=\"http://namespaces.softwareag.com/webMethods/EDA\" xmlns:MWS=\"http://namespaces.softwareag.com/webMethods/MWS\" "
        + "xmlns:IS=\"http://namespaces.softwareag.com/webMethods/IS\" xmlns:APIPORTAL=\"http://namespaces.softwareag.com/webMethods/APIPORTAL\" "
        + "xmlns:AgileApps=\"http://namespaces.softwareag.com/webMethods/AgileApps\" xmlns:BROKER=\"http://namespaces.softwareag.com/webMethods/BROKER\" "
        + "xmlns:implDetails=\"http://namespaces.softwareag.com/acdl/implDetails\" "
        + "xmlns:UniversalMessaging=\"http://namespaces.softwareag.com/webMethods/UniversalMessaging\" "
        + "xmlns:TN=\"http://namespaces.softwareag.com/webMethods/TN\" xmlns:RULES=\"http://namespaces.softwareag.com/webMethods/RULES\" "
        + "xmlns:BPM=\"http://namespaces.softwareag.com/webMethods/BPM\" xmlns:Optimize=\"http://namespaces.softwareag.com/webMethods/Optimize\">\n"
        + "    <buildInfo name=\"BuildTimestamp\" value=\"%s\"/>\n";

    private final String runtimeVersion;
    private final Map<String, Asset> assets = new LinkedHashMap<>();

    Manifest(String runtimeVersion) {
        this.runtimeVersion = runtimeVersion;
    }

    String runtimeVersion() {
        return runtimeVersion;
    }

    /** Adds an asset (once: the same asset may be written under several parents) and returns its name. */
    String add(String type, String id, String displayName, List<String> dependsOn) {
        String name = type + "." + id;
        Asset a = assets.computeIfAbsent(name, n -> new Asset(n, displayName, type, new TreeSet<>()));
        a.dependsOn().addAll(dependsOn);
        return name;
    }

    Map<String, Asset> assets() {
        return assets;
    }

    void write(OutputStream out, LocalDateTime built) throws IOException {
        StringBuilder xml = new StringBuilder(String.format(HEADER, escape(runtimeVersion),
            built.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)));
        for (Asset a : assets.values()) {
            xml.append("    <asset name=\"").append(escape(a.name())).append("\" displayName=\"").append(escape(a.displayName()))
                .append("\" isDeployable=\"true\">\n        <implementation.generic type=\"").append(a.type()).append("\"/>\n");
            for (String d : a.dependsOn()) xml.append("        <dependsOn>APIGateway:").append(escape(d)).append("</dependsOn>\n");
            xml.append("    </asset>\n");
        }
        out.write(xml.append("</asset_composite>\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The manifest of an imported archive; an unreadable one counts as absent (it holds nothing an import needs). */
    static Manifest parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
            Manifest m = new Manifest(root.getAttribute("runtimeVersion"));
            NodeList list = root.getElementsByTagNameNS("*", "asset");
            for (int i = 0; i < list.getLength(); i++) {
                Element asset = (Element) list.item(i);
                String name = asset.getAttribute("name");
                int dot = name.indexOf('.');
                if (dot < 1) continue;
                List<String> deps = new ArrayList<>();
                NodeList d = asset.getElementsByTagNameNS("*", "dependsOn");
                for (int j = 0; j < d.getLength(); j++) deps.add(d.item(j).getTextContent().trim().replaceFirst("^APIGateway:", ""));
                m.add(name.substring(0, dot), name.substring(dot + 1), asset.getAttribute("displayName"), deps);
            }
            return m;
        } catch (Exception e) {
            return null;
        }
    }

    /** The display name the manifest gives {@code <type>.<id>}, or null. */
    String displayName(String type, String id) {
        Asset a = assets.get(type + "." + id);
        return a == null || a.displayName().isBlank() ? null : a.displayName();
    }
}
