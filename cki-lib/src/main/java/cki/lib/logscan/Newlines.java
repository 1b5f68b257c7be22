package cki.lib.logscan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Counts newline bytes eight at a time (a zero-byte test on the bytes XOR '\n'), for line numbers. */
final class Newlines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

    private Newlines() {
    }

    /** The number of '\n' in {@code buf[from, to)}. */
    static long count(byte[] buf, int from, int to) {
        long count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(buf, i) ^ NEWLINES;
            // bit 7 of each byte that was '\n', exactly (no borrow crosses bytes)
            long zero = ~(((v & LOW7) + LOW7) | v | LOW7);
            count += Long.bitCount(zero);
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** The start of the line holding {@code at}: after the last '\n' before it, or 0. */
    static int lineStart(byte[] buf, int at) {
        int i = at - 1;
        while (i >= 0 && buf[i] != '\n') {
            i--;
        }
        return i + 1;
    }

    /** The first '\n' in {@code buf[from, to)}, or -1. */
    static int next(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
