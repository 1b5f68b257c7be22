package cki.lib.logscan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many literals at once in one pass over bytes (an Aho-Corasick automaton compiled to a full
 * transition table over byte classes), ignoring ASCII case. It is the cheap prefilter in front of the
 * matchers' regexes: one table lookup per trace byte, whatever the number of literals.
 */
final class LiteralAutomaton {
    private final int[] next;      // state * classes + class -> state
    private final int[][] outputs; // state -> ids of literals ending here, or null

    /**
     * {@code literals}: their bytes in lower case. {@code byteClass}: each byte's class, below
     * {@code classes}; bytes of a class must move every state alike, so the bytes of the literals need
     * classes of their own, which an upper-case ASCII letter shares with its lower-case twin to ignore
     * case.
     */
    LiteralAutomaton(List<byte[]> literals, int[] byteClass, int classes) {
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        trie.add(newRow(classes));
        ends.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            int state = 0;
            for (byte raw : literals.get(id)) {
                int c = byteClass[raw & 0xff];
                if (trie.get(state)[c] < 0) {
                    trie.get(state)[c] = trie.size();
                    trie.add(newRow(classes));
                    ends.add(new ArrayList<>());
                }
                state = trie.get(state)[c];
            }
            ends.get(state).add(id);
        }
        int states = trie.size();
        next = new int[states * classes];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int child = trie.get(0)[c];
            next[c] = child < 0 ? 0 : child;
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            ends.get(state).addAll(ends.get(fail[state]));
            for (int c = 0; c < classes; c++) {
                int child = trie.get(state)[c];
                if (child < 0) {
                    next[state * classes + c] = next[fail[state] * classes + c];
                } else {
                    fail[child] = next[fail[state] * classes + c];
                    next[state * classes + c] = child;
                    queue.add(child);
                }
            }
        }
        outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> ids = ends.get(state);
            outputs[state] = ids.isEmpty() ? null : ids.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int[] newRow(int classes) {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    /** The transition table, indexed {@code state * classes + class}; state 0 is the start. */
    int[] table() {
        return next;
    }

    /** The literal ids recognised on entering {@code state}, or null. */
    int[] outputs(int state) {
        return outputs[state];
    }
}
