package cki.build.gitcache;

import java.io.IOException;

/** The bytes are not a well-formed tar archive: bad header checksum, bad numbers, cut short. */
public final class BrokenArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    public BrokenArchiveException(String message) {
        super(message);
    }
}
