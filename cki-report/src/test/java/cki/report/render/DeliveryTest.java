package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail to a real SMTP server (GreenMail) and the MR note to a local server speaking GitLab's API. */
class DeliveryTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @StartStop
    final MockWebServer gitlab = new MockWebServer();

    private final RetrySettings fast = new RetrySettings(3, Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofSeconds(10));

    @Test
    void theEmailArrivesWithTheVerdictSubjectAndTheMaintainersAsRecipients() throws Exception {
        Report report = ReportFixtures.report();
        SmtpSettings settings = new SmtpSettings("127.0.0.1", ServerSetupTest.SMTP.getPort(), null, null,
                "cki@ci.example", false);
        List<String> recipients = MailDelivery.recipients(List.of("kernel-team@example.org"), report);
        new MailDelivery(settings, fast).send(recipients, report.subject(),
                ReportRenderer.render(report, ReportFormat.text), report.messageId());

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient mailbox");
        MimeMessage message = received[0];
        assertEquals("FAIL: Tests failed for kernel 6.1.99 (stable)", message.getSubject());
        List<String> to = new ArrayList<>();
        for (var address : message.getRecipients(Message.RecipientType.TO)) {
            to.add(address.toString());
        }
        assertEquals(List.of("kernel-team@example.org", "Ada Lovelace <ada@example.org>"), to);
        String body = GreenMailUtil.getBody(message);
        assertTrue(body.startsWith("FAIL: Tests failed"), body);
        assertTrue(body.contains("ltp.syscalls: FAIL on x86_64"), body);
        assertEquals(null, message.getHeader("In-Reply-To"), "no series: a thread of its own");
    }

    @Test
    void theReportOfAPatchSeriesAnswersInTheSeriesThread() throws Exception {
        ObjectNode submission =
                (ObjectNode) ReportFixtures.json("submission.json");
        ObjectNode checkout =
                (ObjectNode) submission.get("checkouts").get(0);
        checkout.putArray("patchset_files").addObject().put("name", "123.mbox")
                .put("url", "https://patchwork.kernel.org/series/123/mbox/");
        checkout.put("message_id", "20261204101500.1234-1-dev@example.org");
        checkout.put("comment", "[PATCH v2 0/3] ext4: fewer inodes");
        Report report = new ReportBuilder(KnownIssues.load(ReportFixtures.resource("known-issues.yaml")),
                ReportFixtures.logs()).build(submission, List.of(), null);
        SmtpSettings settings = new SmtpSettings("127.0.0.1", ServerSetupTest.SMTP.getPort(), null, null,
                "cki@ci.example", false);
        new MailDelivery(settings, fast).send(List.of("linux-ext4@example.org"), report.subject(),
                ReportRenderer.render(report, ReportFormat.text), report.messageId());

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertEquals("<20261204101500.1234-1-dev@example.org>", message.getHeader("In-Reply-To")[0]);
        assertEquals("<20261204101500.1234-1-dev@example.org>", message.getHeader("References")[0]);
        String body = GreenMailUtil.getBody(message).replace("\r\n", "\n");
        assertTrue(body.contains("Series:     [PATCH v2 0/3] ext4: fewer inodes\nPatches:    on top of the commit"),
                body);
    }

    /**
     * A message_id or a subject with a line break (a patch mail's header, a kernel release a patch chose)
     * adds no header and no body to the mail: the mail library writes a bare carriage return as a line end.
     */
    @Test
    void lineBreaksInTheThreadOrTheSubjectAddNoHeaderAndNoBody() throws Exception {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", ServerSetupTest.SMTP.getPort(), null, null,
                "cki@ci.example", false);
        new MailDelivery(settings, fast).send(List.of("linux-ext4@example.org"),
                "PASS: Tests passed for kernel 6.1.0-rc1\rX-Injected-Subject: yes", "the report\n",
                "a@example.org>\rX-Injected: yes\r\rPASS: all good<b");

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertEquals(null, message.getHeader("X-Injected"));
        assertEquals(null, message.getHeader("X-Injected-Subject"));
        assertEquals(null, message.getHeader("In-Reply-To"), "not a Message-ID: a thread of its own");
        assertEquals("PASS: Tests passed for kernel 6.1.0-rc1 X-Injected-Subject: yes", message.getSubject());
        assertEquals("the report", GreenMailUtil.getBody(message).strip());
    }

    @Test
    void anUnreachableSmtpServerFailsClearly() {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", 1, null, null, "cki@ci.example", false);
        FailedException e = assertThrows(FailedException.class, () -> new MailDelivery(settings, fast)
                .send(List.of("a@example.org"), "s", "b", null));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }

    @Test
    void aServerThatStallsAfterAuthCostsTheMaximumDurationAndTheLogSaysWhy() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            // every connection gets its own thread that greets, answers EHLO and then never answers AUTH,
            // so each attempt, however many, ends in a read timeout and never sees the connection close
            Thread stall = new Thread(() -> {
                while (!server.isClosed()) {
                    java.net.Socket client;
                    try {
                        client = server.accept();
                    } catch (java.io.IOException e) {
                        return;
                    }
                    Thread handler = new Thread(() -> {
                        try {
                            var out = client.getOutputStream();
                            var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(),
                                    java.nio.charset.StandardCharsets.US_ASCII));
                            out.write("220 smtp.example ESMTP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            in.readLine(); // EHLO
                            out.write("250-smtp.example\r\n250 AUTH PLAIN LOGIN\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            in.readLine(); // AUTH ...: and then nothing, ever
                            Thread.sleep(60_000);
                        } catch (java.io.IOException | InterruptedException e) {
                            // the client gave up: that is the point
                        }
                    });
                    handler.setDaemon(true);
                    handler.start();
                }
            });
            stall.setDaemon(true);
            stall.start();
            SmtpSettings settings = new SmtpSettings("127.0.0.1", server.getLocalPort(), "bot", "pw",
                    "cki@ci.example", false, Duration.ofMillis(700), Duration.ofSeconds(2));
            RetrySettings many = RetrySettings.DEFAULT.withMaxAttempts(5).withDelays(Duration.ofMillis(10),
                    Duration.ofMillis(20));
            long started = System.nanoTime();
            FailedException e;
            try (cki.lib.logging.LogCapture log = new cki.lib.logging.LogCapture(cki.lib.logging.LogLevel.WARN)) {
                e = assertThrows(FailedException.class, () -> new MailDelivery(settings, many)
                        .send(List.of("a@example.org"), "s", "b", null));
                assertTrue(log.text().contains("timed out"), log.text() + " / " + e.getMessage());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took + ", not bounded by 2 s + one wait");
            assertTrue(e.getMessage().contains("timed out") || e.getMessage().contains("CKI_SMTP_MAX_DURATION"),
                    e.getMessage());
        }
    }

    @Test
    void theMergeRequestGetsOneNoteThatLaterRunsUpdate() throws Exception {
        GitLabNotesFake fake = new GitLabNotesFake();
        fake.failuresLeft = 1;
        gitlab.setDispatcher(fake);
        String url = gitlab.url("/").toString().replaceAll("/$", "");
        MergeRequestNote.Target target = MergeRequestNote.Target.parse(url + "/kernel/ci/-/merge_requests/7");
        assertEquals("kernel/ci", target.project());
        MergeRequestNote note = new MergeRequestNote(target.gitlabUrl(), "glpat-test", fast);

        long first = note.publish(target, "first report");
        long second = note.publish(target, "second report");
        assertEquals(first, second, "the same note is updated");
        assertEquals(1, fake.notes.size());
        assertTrue(fake.notes.get(0).startsWith(MergeRequestNote.MARKER) && fake.notes.get(0).endsWith("second report"),
                fake.notes.get(0));
        assertTrue(fake.calls.get(0).startsWith("GET") && fake.calls.get(1).startsWith("GET"),
                "the 502 was retried: " + fake.calls);
    }

    @Test
    void aBadTokenIsNotRetriedAndSaysSo() {
        GitLabNotesFake fake = new GitLabNotesFake();
        gitlab.setDispatcher(fake);
        String url = gitlab.url("/").toString().replaceAll("/$", "");
        MergeRequestNote.Target target = MergeRequestNote.Target.parse(url + "/kernel/ci/-/merge_requests/7");
        FailedException e = assertThrows(FailedException.class,
                () -> new MergeRequestNote(target.gitlabUrl(), "wrong", fast).publish(target, "x"));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertEquals(1, fake.calls.size());
    }

    @Test
    void mergeRequestUrlsAreParsed() {
        MergeRequestNote.Target target = MergeRequestNote.Target.parse(
                "https://gitlab.com/redhat/centos-stream/src/kernel/centos-stream-9/-/merge_requests/1234");
        assertEquals("https://gitlab.com", target.gitlabUrl());
        assertEquals("redhat/centos-stream/src/kernel/centos-stream-9", target.project());
        assertEquals(1234, target.iid());
        assertThrows(UsageException.class, () -> MergeRequestNote.Target.parse("https://gitlab.com/a/b/-/issues/3"));
    }
}
