package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchiveTest {
    @TempDir
    Path temp;

    private static final String LONG_NAME = "objects/" + "deep/".repeat(25) + "pack-" + "0123456789abcdef".repeat(3) + ".pack";

    private Path sampleTree() throws IOException {
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree.resolve("refs/heads"));
        Files.createDirectories(tree.resolve("refs/tags")); // empty directories survive too
        Files.writeString(tree.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(tree.resolve("refs/heads/main"), "0".repeat(40) + "\n");
        Path hook = tree.resolve("hooks/post-update");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nexec true\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path longFile = tree.resolve(LONG_NAME);
        Files.createDirectories(longFile.getParent());
        byte[] pack = new byte[70_000];
        for (int i = 0; i < pack.length; i++) {
            pack[i] = (byte) (i * 31);
        }
        Files.write(longFile, pack);
        Files.createSymbolicLink(tree.resolve("current"), Path.of("refs/heads/main"));
        return tree;
    }

    private static byte[] archive(Path tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter(out).writeTree(tree);
        return out.toByteArray();
    }

    private Path extract(byte[] archive) throws IOException {
        Path dest = Files.createDirectories(temp.resolve("dest"));
        new TarExtractor(dest).extract(new ByteArrayInputStream(archive));
        return dest;
    }

    @Test
    void aTreeSurvivesTheRoundTripWithLongNamesModesEmptyDirectoriesAndLinks() throws IOException {
        Path tree = sampleTree();
        Path dest = extract(archive(tree));
        assertEquals("ref: refs/heads/main\n", Files.readString(dest.resolve("HEAD")));
        assertTrue(Files.isDirectory(dest.resolve("refs/tags")));
        assertTrue(Files.isExecutable(dest.resolve("hooks/post-update")));
        assertFalse(Files.isExecutable(dest.resolve("HEAD")));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(tree.resolve(LONG_NAME)),
                Files.readAllBytes(dest.resolve(LONG_NAME))));
        assertEquals(Path.of("refs/heads/main"), Files.readSymbolicLink(dest.resolve("current")));
    }

    @Test
    void theSameTreeGivesTheSameArchive() throws IOException {
        Path tree = sampleTree();
        assertTrue(java.util.Arrays.equals(archive(tree), archive(tree)));
    }

    @Test
    void gnuTarReadsWhatCkiWritesAndCkiReadsWhatGnuTarWrites() throws Exception {
        Path tree = sampleTree();
        Path ours = temp.resolve("ours.tar");
        Files.write(ours, archive(tree));
        Path byGnu = Files.createDirectories(temp.resolve("by-gnu"));
        run("tar", "-x", "-f", ours.toString(), "-C", byGnu.toString());
        assertEquals(Files.size(tree.resolve(LONG_NAME)), Files.size(byGnu.resolve(LONG_NAME)));

        Path theirs = temp.resolve("theirs.tar");
        run("tar", "-c", "-f", theirs.toString(), "--format=gnu", "-C", tree.toString(), ".");
        Path fromGnu = extract(Files.readAllBytes(theirs));
        assertEquals(Files.size(tree.resolve(LONG_NAME)), Files.size(fromGnu.resolve(LONG_NAME)));
        Path paxToo = Files.createDirectories(temp.resolve("pax"));
        run("tar", "-c", "-f", temp.resolve("pax.tar").toString(), "--format=pax", "-C", tree.toString(), ".");
        new TarExtractor(paxToo).extract(Files.newInputStream(temp.resolve("pax.tar")));
        assertEquals(Files.size(tree.resolve(LONG_NAME)), Files.size(paxToo.resolve(LONG_NAME)));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    // ---- tar-slip: each archive would write outside the destination; nothing may appear there

    private void assertRejected(byte[] archive, String expectedMessage) throws IOException {
        Path dest = Files.createDirectories(temp.resolve("box/dest"));
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> new TarExtractor(dest).extract(new ByteArrayInputStream(archive)));
        assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
        try (Stream<Path> outside = Files.list(temp.resolve("box"))) {
            assertEquals(List.of(temp.resolve("box/dest")), outside.toList(), "something was written outside");
        }
        assertFalse(Files.exists(temp.resolve("evil")), "something was written outside");
    }

    @Test
    void anAbsolutePathIsRejected() throws IOException {
        assertRejected(new TarBuilder().file(temp.resolve("evil").toString(), "x").bytes(), "absolute path");
    }

    @Test
    void aDotDotComponentIsRejected() throws IOException {
        assertRejected(new TarBuilder().file("ok", "fine").file("a/../../evil", "x").bytes(), "'..' component");
    }

    @Test
    void aSymbolicLinkPointingOutsideIsRejected() throws IOException {
        assertRejected(new TarBuilder().symlink("escape", "../../..").bytes(), "points outside");
        assertRejected(new TarBuilder().symlink("escape", "/etc").bytes(), "points outside");
    }

    @Test
    void aDotDotAfterANameInALinkIsRejectedBecauseAnotherLinkCouldLeadOut() throws IOException {
        // deep/deeper/up -> ../.. is fine on its own; "deep/deeper/up/../x" would leave through it
        assertRejected(new TarBuilder().directory("deep/deeper/").symlink("deep/deeper/up", "../..")
                .symlink("trick", "deep/deeper/up/../x").bytes(), "'..' after a name");
    }

    @Test
    void writingThroughASymbolicLinkIsRejected() throws IOException {
        assertRejected(new TarBuilder().directory("inside/").symlink("link", "inside")
                .file("link/file", "x").bytes(), "passes through the symbolic link");
    }

    @Test
    void aHardLinkToAFileOutsideIsRejected() throws IOException {
        Files.writeString(temp.resolve("secret"), "secret");
        assertRejected(new TarBuilder().hardLink("copy", "../../secret").bytes(), "'..' component");
        assertRejected(new TarBuilder().hardLink("copy", temp.resolve("secret").toString()).bytes(), "absolute path");
    }

    @Test
    void devicesAreRejected() throws IOException {
        assertRejected(new TarBuilder().entry("dev/sda", (byte) '4', 0, "").bytes(), "does not extract");
    }

    @Test
    void linksInsideTheDestinationAreFine() throws IOException {
        byte[] archive = new TarBuilder().file("objects/pack/a.pack", "pack").symlink("objects/latest", "pack/a.pack")
                .symlink("objects/pack/up", "../../objects").hardLink("copy", "objects/pack/a.pack").bytes();
        Path dest = extract(archive);
        assertEquals("pack", Files.readString(dest.resolve("objects/latest")));
        assertEquals("pack", Files.readString(dest.resolve("copy")));
    }

    // ---- broken archives are told apart from unsafe ones

    @Test
    void aBadHeaderChecksumIsABrokenArchive() throws IOException {
        byte[] archive = new TarBuilder().file("a", "x").bytes();
        archive[3] ^= 1;
        Path dest = Files.createDirectories(temp.resolve("dest"));
        BrokenArchiveException e = assertThrows(BrokenArchiveException.class,
                () -> new TarExtractor(dest).extract(new ByteArrayInputStream(archive)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aTruncatedArchiveIsABrokenArchive() throws IOException {
        byte[] archive = new TarBuilder().file("a", "x".repeat(2000)).truncated(1000);
        Path dest = Files.createDirectories(temp.resolve("dest"));
        BrokenArchiveException e = assertThrows(BrokenArchiveException.class,
                () -> new TarExtractor(dest).extract(new ByteArrayInputStream(archive)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(BrokenArchiveException.class,
                () -> new TarExtractor(dest).extract(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void sizesBeyondTheOctalFieldUseBase256OrAPaxRecord() throws IOException {
        byte[] header = new byte[TarFormat.BLOCK];
        long tenGiB = 10L << 30;
        TarFormat.putBase256(header, TarFormat.SIZE, 12, tenGiB);
        assertEquals(tenGiB, TarFormat.parseNumber(header, TarFormat.SIZE, 12));

        // a pax size record overrides the header's size field (here a wrong 0)
        String records = PaxHeader.record("size", "5") + PaxHeader.record("path", "objects/big.pack");
        TarBuilder builder = new TarBuilder().entry("PaxHeaders/x", TarFormat.PAX_HEADER, records.length(), "");
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.write(builder.bytes(), 0, TarFormat.BLOCK);
        archive.writeBytes(records.getBytes(StandardCharsets.UTF_8));
        archive.writeBytes(new byte[(int) TarFormat.padding(records.length())]);
        archive.writeBytes(TarBuilder.header("short-name", TarFormat.REGULAR, 0, ""));
        archive.writeBytes("12345".getBytes(StandardCharsets.UTF_8));
        archive.writeBytes(new byte[TarFormat.BLOCK - 5 + 2 * TarFormat.BLOCK]);
        Path dest = extract(archive.toByteArray());
        assertEquals("12345", Files.readString(dest.resolve("objects/big.pack")));
    }

    @Test
    void paxRecordLengthsCountThemselves() {
        for (int valueLength = 80; valueLength < 120; valueLength++) {
            String record = PaxHeader.record("path", "x".repeat(valueLength));
            int declared = Integer.parseInt(record.substring(0, record.indexOf(' ')));
            assertEquals(record.getBytes(StandardCharsets.UTF_8).length, declared, record);
        }
    }
}
