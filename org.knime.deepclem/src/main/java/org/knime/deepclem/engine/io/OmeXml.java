package org.knime.deepclem.engine.io;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What we use of the OME-XML an OME-TIFF carries in its first ImageDescription: the first image's dimensions, channel
 * names and physical pixel size.
 *
 * @param images      how many {@code Image} elements (series) the file describes
 * @param sizeC       channels of the first image
 * @param sizeZ       z-slices of the first image
 * @param sizeT       time points of the first image
 * @param channelElements how many {@code Channel} elements the first image has (an RGB channel stored in one IFD is
 *                    one element with SamplesPerPixel 3)
 * @param channelNames the {@code Name} of each {@code Channel} element (null where it has none), or empty
 * @param pixelSize   {@code PhysicalSizeX/Y} with their units (µm when none is given), or null
 */
record OmeXml(int images, int sizeC, int sizeZ, int sizeT, int channelElements, List<String> channelNames,
    PixelSize pixelSize) {

    /** Whether an ImageDescription is OME-XML (rather than ImageJ's or free text). */
    static boolean isOme(String description) {
        return description.startsWith("<?xml") || description.startsWith("<OME");
    }

    /** The description's OME-XML, or null when it is malformed or describes no {@code Pixels}. */
    static OmeXml parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // the description is the file's text: no DTDs, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            // errors become exceptions: the JDK's default handler prints "[Fatal Error] ..." to stderr (found by fuzzing)
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            var doc = builder.parse(new InputSource(new StringReader(xml)));
            NodeList pixels = doc.getElementsByTagNameNS("*", "Pixels");
            if (pixels.getLength() == 0) {
                return null;
            }
            Element p = (Element) pixels.item(0);
            int images = Math.max(1, doc.getElementsByTagNameNS("*", "Image").getLength());
            int c = size(p, "SizeC"), z = size(p, "SizeZ"), t = size(p, "SizeT");
            List<String> names = new ArrayList<>();
            int storedChannels = 0;
            NodeList channels = p.getElementsByTagNameNS("*", "Channel");
            for (int i = 0; i < channels.getLength(); i++) {
                Element ch = (Element) channels.item(i);
                String name = ch.getAttribute("Name").trim();
                names.add(name.isEmpty() ? null : name);
                storedChannels++;
            }
            return new OmeXml(images, c, z, t, storedChannels, names, pixelSize(p));
        } catch (Exception e) { // malformed XML or numbers: the file records nothing we can trust
            return null;
        }
    }

    /** A positive Size attribute (1 when absent or not a positive number). */
    private static int size(Element p, String attribute) {
        try {
            return Math.max(1, Integer.parseInt(p.getAttribute(attribute).trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** PhysicalSizeX/Y (µm unless PhysicalSizeXUnit/YUnit say otherwise), or null. */
    private static PixelSize pixelSize(Element p) {
        try {
            String sx = p.getAttribute("PhysicalSizeX"), sy = p.getAttribute("PhysicalSizeY");
            if (sx.isEmpty()) {
                return null;
            }
            String ux = p.getAttribute("PhysicalSizeXUnit"), uy = p.getAttribute("PhysicalSizeYUnit");
            PixelSize x = PixelSize.ofUnit(Double.parseDouble(sx), Double.parseDouble(sx), ux.isEmpty() ? "µm" : ux);
            PixelSize y = sy.isEmpty() ? x
                : PixelSize.ofUnit(Double.parseDouble(sy), Double.parseDouble(sy), uy.isEmpty() ? "µm" : uy);
            return x == null || y == null ? null : new PixelSize(x.x(), y.y());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
