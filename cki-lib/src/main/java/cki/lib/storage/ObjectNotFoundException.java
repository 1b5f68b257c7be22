package cki.lib.storage;

import java.io.FileNotFoundException;

/** The key does not exist in the store. */
public class ObjectNotFoundException extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String location, String key) {
        super("no object '" + key + "' in " + location);
    }
}
