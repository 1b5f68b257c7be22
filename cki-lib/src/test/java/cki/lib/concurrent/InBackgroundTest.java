package cki.lib.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InBackgroundTest {
    @Test
    void theValueIsReadOnAnotherThread() {
        Thread caller = Thread.currentThread();
        InBackground<Thread> reader = InBackground.start(Thread::currentThread);
        assertNotSame(caller, reader.get());
    }

    @Test
    void aUsageErrorOfTheReadingIsThrownAsItWas() {
        UsageException error = new UsageException("--patch: no such file: x.mbox");
        InBackground<String> reader = InBackground.start(() -> {
            throw error;
        });
        assertSame(error, assertThrows(UsageException.class, reader::get));
        assertSame(error, assertThrows(UsageException.class, reader::get), "the same error every time it is asked");
    }

    @Test
    void anUncheckedExceptionPassesThroughAndAnErrorStaysWrapped() {
        InBackground<String> reader = InBackground.start(() -> {
            throw new StackOverflowError("deep");
        });
        CompletionException wrapped = assertThrows(CompletionException.class, reader::get);
        assertEquals("deep", wrapped.getCause().getMessage());
        InBackground<String> io = InBackground.start(() -> {
            throw new UncheckedIOException(new java.io.IOException("disk"));
        });
        assertEquals("disk", assertThrows(UncheckedIOException.class, io::get).getCause().getMessage());
    }
}
