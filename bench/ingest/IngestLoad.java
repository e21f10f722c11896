import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load generator for bench/ingest/run.sh: N clients post deployment events (a 'started' then a 'succeeded'
 * event per run, each run a new externalId) for a fixed time. Prints one line of key=value results.
 * Usage: java IngestLoad.java BASE_URL TOKEN PROJECT CLIENTS WARMUP_SECONDS SECONDS
 */
public class IngestLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String project = args[2];
        int clients = Integer.parseInt(args[3]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        long measureNanos = Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 20];
                int measured = 0;
                long ok = 0;
                long failed = 0;
                for (int run = 0; System.nanoTime() < end; run++) {
                    for (String status : new String[] {"started", "succeeded"}) {
                        String body = """
                                {"project":"%s","environment":"prod","provider":"bench","externalId":"bench-%d-%d","attempt":1,
                                 "commitSha":"4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4","fromRevision":"0f9e8d7c6b5a",
                                 "toRevision":"b7e1d2c3a4f5","status":"%s","startedAt":"2026-11-21T14:00:05Z",%s
                                 "actor":{"type":"pipeline","name":"bench"},"maxLockMs":12}"""
                                .formatted(project, client, run, status,
                                        status.equals("succeeded") ? "\"finishedAt\":\"2026-11-21T14:00:41Z\"," : "");
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/deployments"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        int code;
                        try {
                            code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            code = -1;
                        }
                        long t1 = System.nanoTime();
                        if (code / 100 == 2) {
                            ok++;
                        } else {
                            failed++;
                        }
                        if (t0 >= measureFrom && t1 <= end && measured < latencies.length) {
                            latencies[measured++] = code / 100 == 2 ? t1 - t0 : -1;
                        }
                    }
                }
                long[] out = new long[measured + 2];
                out[0] = ok;
                out[1] = failed;
                System.arraycopy(latencies, 0, out, 2, measured);
                return out;
            }));
        }
        long ok = 0;
        long failed = 0;
        List<Long> all = new ArrayList<>();
        long measuredOk = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get();
            ok += r[0];
            failed += r[1];
            for (int i = 2; i < r.length; i++) {
                if (r[i] >= 0) {
                    all.add(r[i]);
                    measuredOk++;
                }
            }
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double seconds = measureNanos / 1e9;
        System.out.printf("ok=%d failed=%d measured_ok=%d events_per_s=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                ok, failed, measuredOk, measuredOk / seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
