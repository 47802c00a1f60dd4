package org.knime.deepclem.engine.io;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Which single plane of an image to work on. On a single-channel image every named selection (RED, ..., AUTO) gives
 * that channel, so gray chromatin images work with the DeepCLEM default (blue); an explicit index must exist.
 * <p>
 * A channel can also be chosen by the name the file gives it ({@link #parseWithNames}: OME-XML {@code Channel Name},
 * ImageJ slice labels), matched without regard to case. A name the image's channels carry wins over the keyword it
 * collides with ("blue" picks the channel named Blue, wherever it is); otherwise the keyword applies, except that red,
 * green and blue, which mean pages 1, 2 and 3 of a gray multi-page image, are refused for one whose channels have
 * names (they would silently pick a page by its position). Digits always mean an index.
 *
 * @param kind  what to take
 * @param index the channel for {@link Kind#INDEX}, else -1
 * @param name  the name for {@link Kind#NAME}, else null
 */
public record ChannelSelection(Kind kind, int index, String name) {

    /** The kinds of selection. */
    public enum Kind {
        RED, GREEN, BLUE,
        /** Rec. 601 luma 0.299 R + 0.587 G + 0.114 B (alpha ignored). */
        LUMINANCE,
        /** The brightest colour channel per pixel (alpha ignored): finds a stain spread over several channels. */
        MAX,
        /** Luminance for colour images (exactly the gray value for gray stored as RGB), the channel itself for gray. */
        AUTO,
        /** An explicit channel (or TIFF page) index. */
        INDEX,
        /** The channel with this name in the file, else the keyword of the same spelling (see the class comment). */
        NAME
    }

    public static final ChannelSelection RED = new ChannelSelection(Kind.RED, -1);
    public static final ChannelSelection GREEN = new ChannelSelection(Kind.GREEN, -1);
    public static final ChannelSelection BLUE = new ChannelSelection(Kind.BLUE, -1);
    public static final ChannelSelection LUMINANCE = new ChannelSelection(Kind.LUMINANCE, -1);
    public static final ChannelSelection MAX = new ChannelSelection(Kind.MAX, -1);
    public static final ChannelSelection AUTO = new ChannelSelection(Kind.AUTO, -1);

    public ChannelSelection {
        if ((kind == Kind.INDEX) != (index >= 0)) {
            throw new IllegalArgumentException(kind == Kind.INDEX ? "channel index must be >= 0, got " + index
                : "only an INDEX selection has an index");
        }
        if ((kind == Kind.NAME) != (name != null && !name.isBlank())) {
            throw new IllegalArgumentException(kind == Kind.NAME ? "a channel name must not be empty"
                : "only a NAME selection has a name");
        }
        name = name == null ? null : name.trim();
    }

    /** A selection of a kind other than NAME. */
    public ChannelSelection(Kind kind, int index) {
        this(kind, index, null);
    }

    public static ChannelSelection index(int i) {
        return new ChannelSelection(Kind.INDEX, i);
    }

    /**
     * As {@link #parse}, and any other text as a channel name, resolved against the image's channel names when applied
     * (an image without such a channel is then refused with the names it has).
     */
    public static ChannelSelection parseWithNames(String s) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty channel: use red, green, blue, luminance, max, auto, a channel "
                + "index or a channel name");
        }
        return t.matches("\\d{1,6}") ? index(Integer.parseInt(t)) : new ChannelSelection(Kind.NAME, -1, t);
    }

    /** red, green, blue, luminance, max, auto (or gray), or a channel index 0, 1, ... */
    public static ChannelSelection parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d{1,6}")) {
            return index(Integer.parseInt(t));
        }
        switch (t) {
            case "red": case "r": return RED;
            case "green": case "g": return GREEN;
            case "blue": case "b": return BLUE;
            case "luminance": case "luma": return LUMINANCE;
            case "max": return MAX;
            case "auto": case "gray": case "grey": return AUTO;
            default:
                throw new IllegalArgumentException(
                    "unknown channel '" + s + "': use red, green, blue, luminance, max, auto or a channel index");
        }
    }

    /** Lower-case name as parsed by {@link #parse}; a channel name as given. */
    public String id() {
        return kind == Kind.INDEX ? Integer.toString(index)
            : kind == Kind.NAME ? name : kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * What this selection means for {@code img}: a NAME becomes the index of the channel of that name, else the
     * keyword it spells; other selections stay as they are.
     *
     * @throws IllegalArgumentException naming the image and listing its channel names when neither matches
     */
    public ChannelSelection resolve(LoadedImage img) {
        if (kind != Kind.NAME) {
            return this;
        }
        List<String> names = img.channelNames();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return index(i);
            }
        }
        ChannelSelection keyword = null;
        try {
            keyword = parse(name);
        } catch (IllegalArgumentException notAKeyword) {
            // refused below, with the names the image has
        }
        boolean colourOfPages = keyword != null && !img.rgb() && img.channels() > 1
            && (keyword.kind == Kind.RED || keyword.kind == Kind.GREEN || keyword.kind == Kind.BLUE);
        if (keyword != null && !(colourOfPages && !names.isEmpty())) {
            return keyword;
        }
        // a colour keyword on named channels would silently mean "page 1, 2 or 3": refused, as an unknown name is
        String range = img.channels() == 1 ? "0" : "0.." + (img.channels() - 1);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(img.name() + " has no channel named '" + name
                + "': its channels have no names; use an index (" + range
                + ") or red, green, blue, luminance, max, auto");
        }
        throw new IllegalArgumentException(img.name() + " has no channel named '" + name + "'; its channels: "
            + names.stream().map(n -> n.isEmpty() ? "(unnamed)" : n).collect(Collectors.joining(", "))
            + " (or use an index " + range + ")");
    }

    /** The selected plane of {@code img} as a float copy. */
    public ArrayImg<FloatType, FloatArray> apply(LoadedImage img) {
        if (kind == Kind.NAME) {
            return resolve(img).apply(img);
        }
        if (kind == Kind.INDEX) {
            return img.channel(index);
        }
        if (img.channels() == 1) {
            return img.channel(0);
        }
        if (!img.rgb()) {
            if (kind == Kind.AUTO) {
                return img.channel(0);
            }
            if (kind == Kind.RED || kind == Kind.GREEN || kind == Kind.BLUE) {
                return img.channel(kind.ordinal()); // multi-page TIFF: pages 0, 1, 2 stand for R, G, B
            }
            throw new IllegalArgumentException(img.name() + " is not an RGB image: choose a channel index (0.."
                + (img.channels() - 1) + ") instead of " + id());
        }
        switch (kind) {
            case RED: return img.channel(0);
            case GREEN: return img.channel(1);
            case BLUE: return img.channel(2);
            case MAX: {
                float[] r = img.channelArray(0), g = img.channelArray(1), b = img.channelArray(2);
                for (int i = 0; i < r.length; i++) {
                    r[i] = Math.max(r[i], Math.max(g[i], b[i]));
                }
                return Planes.wrap(r, img.width(), img.height());
            }
            default: { // LUMINANCE, AUTO
                float[] r = img.channelArray(0), g = img.channelArray(1), b = img.channelArray(2);
                for (int i = 0; i < r.length; i++) {
                    if (r[i] != g[i] || r[i] != b[i]) { // equal channels keep their exact value
                        r[i] = (float) (0.299 * r[i] + 0.587 * g[i] + 0.114 * b[i]);
                    }
                }
                return Planes.wrap(r, img.width(), img.height());
            }
        }
    }
}
