package cki.build.gitcache;

import java.io.IOException;

/**
 * A tar entry that would write outside the destination (absolute path, '..' component, a link
 * pointing outside, a path through a symbolic link) or that cki does not extract. Nothing of that
 * entry was written.
 */
public final class UnsafeArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafeArchiveException(String message) {
        super(message);
    }
}
