package org.knime.deepclem.nodes.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings saved by an older version (without an option added later) still load; required options stay required. */
class OptionSetTest {

    /** The options of the first release. */
    private static OptionSet firstRelease() {
        OptionSet o = new OptionSet();
        o.string("model", "Transform model", "similarity");
        return o;
    }

    @Test
    void anOptionAddedLaterTakesItsDefaultFromOlderSettings() throws Exception {
        OptionSet first = firstRelease();
        ((SettingsModelString)first.options().get(0).model()).setStringValue("rigid");
        NodeSettings older = new NodeSettings("model");
        first.saveTo(older);

        OptionSet now = new OptionSet();
        SettingsModelString model = now.string("model", "Transform model", "similarity");
        SettingsModelBoolean later = now.addedLater(now.bool("mirror", "Also try mirrored", false));
        later.setBooleanValue(true); // a value from an earlier load must not survive loading settings without the key
        now.validate(older);
        now.loadFrom(older);
        assertEquals("rigid", model.getStringValue());
        assertFalse(later.getBooleanValue(), "the default, as the older version behaved");

        NodeSettings current = new NodeSettings("model");
        later.setBooleanValue(true);
        now.saveTo(current);
        later.setBooleanValue(false);
        now.loadFrom(current);
        assertTrue(later.getBooleanValue(), "a stored value is loaded as always");
    }

    @Test
    void anOptionOfTheFirstReleaseStaysRequired() {
        OptionSet now = new OptionSet();
        now.string("model", "Transform model", "similarity");
        now.bool("required", "A required option", false);
        NodeSettings older = new NodeSettings("model");
        firstRelease().saveTo(older);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> now.validate(older));
        assertTrue(e.getMessage().contains("A required option"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> now.addedLater(new SettingsModelBoolean("x", false)),
            "only options of the set can be marked");
    }
}
