package cki.cli;

import cki.lib.Version;
import picocli.CommandLine.IVersionProvider;

final class CkiVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"cki " + Version.get(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
