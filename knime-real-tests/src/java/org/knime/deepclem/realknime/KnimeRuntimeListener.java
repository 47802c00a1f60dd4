package org.knime.deepclem.realknime;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Starts KNIME's real core before the first test (registered in META-INF/services). */
public final class KnimeRuntimeListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(final LauncherSession session) {
        KnimeRuntime.start();
    }
}
