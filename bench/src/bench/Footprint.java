package bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Start-up time and resident memory of the packaged application, each start a fresh JVM on a fresh H2
 * file database, next to a bare Camunda web-app starter (bench/bare-camunda) started the same way with
 * the same JVM options. After its last start the application provisions some requests over its REST
 * API (pacing off, no simulated latency) and its RSS is read again.
 */
final class Footprint {

	static final Path PRODUCT_JAR = Path.of(System.getProperty("bench.productJar",
			"target/servicenow-service-accounts-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
	static final Path BARE_JAR = Path.of(System.getProperty("bench.bareJar", "bench/bare-camunda/target/bare-camunda.jar"))
		.toAbsolutePath();
	static final int STARTS = Integer.getInteger("bench.footprintStarts", 2);
	static final int LOAD_N = Integer.getInteger("bench.footprintN", 50);
	static final List<String> JAVA_OPTS = splitOptions(System.getProperty("bench.footprintJavaOpts", ""));
	static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
	static final ObjectMapper JSON = new ObjectMapper();

	record Start(double toStartedLine, double jvmReported, double toReady, long rssAfterStartKb, double cpuSeconds,
			double othersCores) {
	}

	record Result(String name, String readiness, List<Start> starts, long rssAfterRunKb, int loadN, double loadSeconds) {
	}

	private final Path work;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2)).build();

	Footprint(Path work) {
		this.work = work.resolve("footprint");
	}

	List<Result> run() throws Exception {
		Databases.deleteTree(work);
		Files.createDirectories(work);
		List<Result> results = new ArrayList<>();
		results.add(measure("bare Camunda starter", BARE_JAR, "/camunda/app/welcome/default/", List.of(), false));
		results.add(measure("this application", PRODUCT_JAR, "/actuator/health", List.of(
				// The product's local defaults (H2 file and simulator state under ./data of the working directory),
				// pacing off so that the load below does not take minutes.
				"--servicenow.pacing.calls-per-second=0"), true));
		return results;
	}

	private Result measure(String name, Path jar, String readyPath, List<String> args, boolean product) throws Exception {
		List<Start> starts = new ArrayList<>();
		long rssAfterRun = -1;
		double loadSeconds = 0;
		for (int i = 1; i <= STARTS; i++) {
			Path dir = work.resolve((product ? "product-" : "bare-") + i);
			Files.createDirectories(dir);
			int port = freePort();
			List<String> command = new ArrayList<>();
			command.add(ProcessHandle.current().info().command().orElse("java"));
			command.addAll(JAVA_OPTS);
			command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
			command.addAll(args);
			Path log = dir.resolve("out.log");
			Progress.print("footprint: %s, start %d of %d", name, i, STARTS);
			Cpu cpuBefore = Cpu.now();
			long began = System.nanoTime();
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
			try {
				double startedLine = -1;
				double jvmReported = -1;
				double ready = -1;
				long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
				while (startedLine < 0 || ready < 0) {
					if (!process.isAlive()) {
						throw new IllegalStateException(name + " exited during start-up; see " + log);
					}
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException(name + " did not start within 3 minutes; see " + log);
					}
					if (startedLine < 0) {
						Matcher matcher = STARTED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
						if (matcher.find()) {
							startedLine = seconds(began);
							jvmReported = Double.parseDouble(matcher.group(2));
						}
					}
					if (ready < 0 && isReady(port, readyPath, product)) {
						ready = seconds(began);
					}
					Thread.sleep(50);
				}
				double childCpu = cpuSeconds(process.pid());
				double[] cores = Cpu.now().since(cpuBefore);
				double others = Math.max(0, cores[1] - childCpu / seconds(began));
				starts.add(new Start(startedLine, jvmReported, ready, rssKb(process.pid()), childCpu, others));
				if (product && i == STARTS && LOAD_N > 0) {
					long loadBegan = System.nanoTime();
					new RestLoad(http, port).provision(LOAD_N);
					loadSeconds = seconds(loadBegan);
					rssAfterRun = rssKb(process.pid());
				}
			}
			finally {
				process.destroy();
				if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
				}
			}
		}
		return new Result(name, (product ? "GET /actuator/health UP" : "GET /camunda/app/welcome/default/ 200"), starts,
				rssAfterRun, product ? LOAD_N : 0, loadSeconds);
	}

	private boolean isReady(int port, String path, boolean product) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return false;
			}
			return !product || "UP".equals(JSON.readTree(response.body()).path("status").asText());
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static long rssKb(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	/** utime + stime of a process, in seconds (USER_HZ 100). */
	static double cpuSeconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	private static double seconds(long began) {
		return (System.nanoTime() - began) / 1e9;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static List<String> splitOptions(String options) {
		return options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
	}

	static void report(PrintStream out, List<Result> results) {
		out.printf("(c) FOOTPRINT: each start a fresh JVM and a fresh H2 file database (schema created), %d start(s) each;%n", STARTS);
		out.printf("    JVM options: %s. 'Started' = wall time from process spawn until the \"Started ...\" log line;%n",
				JAVA_OPTS.isEmpty() ? "none (JVM defaults)" : String.join(" ", JAVA_OPTS));
		out.println("    JVM = Spring's \"process running for\"; ready = first successful readiness probe; RSS = VmRSS at ready;");
		out.println("    CPU = CPU seconds the application's JVM used until ready; others = cores used by other processes meanwhile.");
		out.println();
		out.printf("%-20s %-11s %-11s %-11s %-11s %-11s %-11s %s%n", "application", "Started s", "JVM s", "ready s",
				"CPU s", "others", "RSS MB", "RSS after run, MB");
		out.println("-".repeat(118));
		Result bare = results.stream().filter(r -> r.loadN() == 0).findFirst().orElse(null);
		for (Result r : results) {
			out.printf("%-20s %-11s %-11s %-11s %-11s %-11s %-11s %s%n", r.name(), join(r.starts(), Start::toStartedLine, "%.1f"),
					join(r.starts(), Start::jvmReported, "%.1f"), join(r.starts(), Start::toReady, "%.1f"),
					join(r.starts(), Start::cpuSeconds, "%.0f"), join(r.starts(), Start::othersCores, "%.1f"),
					join(r.starts(), s -> s.rssAfterStartKb() / 1024.0, "%.0f"),
					r.rssAfterRunKb() < 0 ? "-" : String.format(Locale.ROOT, "%.0f (after %d via REST, %.1f s)",
							r.rssAfterRunKb() / 1024.0, r.loadN(), r.loadSeconds()));
		}
		for (Result r : results) {
			out.printf("    readiness probe of %s: %s%n", r.name(), r.readiness());
		}
		if (bare != null) {
			for (Result r : results) {
				if (r != bare) {
					out.printf("    %s ÷ bare Camunda (means): Started %.2f ×, CPU to ready %.2f ×, RSS at ready %.2f ×%n", r.name(),
							mean(r.starts(), Start::toStartedLine) / mean(bare.starts(), Start::toStartedLine),
							mean(r.starts(), Start::cpuSeconds) / mean(bare.starts(), Start::cpuSeconds),
							mean(r.starts(), s -> (double) s.rssAfterStartKb()) / mean(bare.starts(), s -> (double) s.rssAfterStartKb()));
				}
			}
		}
	}

	private static String join(List<Start> starts, java.util.function.ToDoubleFunction<Start> value, String format) {
		return String.join(" / ", starts.stream().map(s -> String.format(Locale.ROOT, format, value.applyAsDouble(s))).toList());
	}

	private static double mean(List<Start> starts, java.util.function.ToDoubleFunction<Start> value) {
		return starts.stream().mapToDouble(value).average().orElse(Double.NaN);
	}

	/** The people of {@code CrashRestartIT}, over the engine REST API with the demo users. */
	static final class RestLoad {

		private final HttpClient http;
		private final int port;

		RestLoad(HttpClient http, int port) {
			this.http = http;
			this.port = port;
		}

		void provision(int n) throws Exception {
			for (int i = 0; i < n; i++) {
				String name = String.format("svc_footprint_%03d", i);
				send("POST", "/engine-rest/process-definition/key/serviceAccountRequest/start", "alice", Map.of("variables",
						Map.of("accountUserName", string(name), "displayName", string("Footprint " + name), "purpose",
								string("Measures the resident memory after a run"), "accountEmail", string(""),
								"additionalGroups", string(""))));
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (get("/engine-rest/history/activity-instance/count?activityId=serviceAccountProvisioned&finished=true")
				.path("count").asLong() < n) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("REST load: not all " + n + " requests provisioned within 5 minutes");
				}
				int completed = 0;
				for (JsonNode task : get("/engine-rest/task?taskDefinitionKey=approveServiceAccount")) {
					completed += complete(task, "bob", Map.of("approved", Map.of("value", true, "type", "Boolean"),
							"approvalComment", string("")));
				}
				for (JsonNode task : get("/engine-rest/task?taskDefinitionKey=validateServiceAccount")) {
					completed += complete(task, "alice", Map.of("validationOutcome", string("callsWork")));
				}
				if (completed == 0) {
					Thread.sleep(100);
				}
			}
		}

		private static Map<String, Object> string(String value) {
			return Map.of("value", value, "type", "String");
		}

		private int complete(JsonNode task, String user, Map<String, Object> variables) throws Exception {
			return send("POST", "/engine-rest/task/" + task.path("id").asText() + "/complete", user,
					Map.of("variables", variables)).statusCode() == 204 ? 1 : 0;
		}

		private JsonNode get(String path) throws Exception {
			return JSON.readTree(send("GET", path, "admin", null).body());
		}

		private HttpResponse<String> send(String method, String path, String user, Object body) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.timeout(Duration.ofSeconds(30))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 400) {
				throw new IllegalStateException(method + " " + path + " as " + user + ": HTTP " + response.statusCode() + " "
						+ response.body());
			}
			return response;
		}
	}
}
