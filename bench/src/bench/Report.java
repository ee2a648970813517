package bench;

import static bench.Settings.LATENCY_MS;
import static bench.Settings.LATENCY_N;
import static bench.Settings.N_LATENCY;
import static bench.Settings.PEOPLE;
import static bench.Settings.ROUNDS;
import static bench.Settings.WARMUP;
import static bench.Settings.WARMUP_CALLS_ROUND;
import static bench.Settings.WARMUP_FIRST;
import static bench.Settings.WARMUP_FLOOR;
import static bench.Settings.WARMUP_LATENCY;
import static bench.Settings.WHATIF_THREADS;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The table on standard output, at the end of the run: throughput, latency, calls per account, footprint. */
final class Report {

	// ServiceNow calls per account that the process contract strictly needs (bench/README.md).
	static final int CALLS_NEEDED = 10;

	private static final PrintStream out = System.out;

	private Report() {
	}

	static void print(List<DbResults> results, List<Footprint.Result> footprint, Duration took) {
		out.println();
		out.println("=".repeat(118));
		out.println(" ServiceNow service-account provisioning: benchmark (bench/run.sh)");
		out.printf(" %d cores, Java %s; embedded ServiceNow simulator in the same JVM; total run %d s; load average"
				+ " now: %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				took.toSeconds(), loadAverage());
		out.println("=".repeat(118));
		if (!results.isEmpty()) {
			databases(results);
		}
		if (!footprint.isEmpty()) {
			Footprint.report(out, footprint);
		}
	}

	private static void databases(List<DbResults> results) {
		warnIfBusy(results);
		out.println();
		throughputLegend();
		out.println();
		throughputTable(results);
		connections(results);
		out.println();
		cpuByThread(results);
		out.println();
		latencyTable(results);
		out.println();
		callsPerAccount(results);
		out.println();
	}

	private static void warnIfBusy(List<DbResults> results) {
		double busiest = results.stream()
			.flatMap(r -> Stream.of(r.floor, r.at0, r.atLatency, r.paced))
			.mapToDouble(t -> t.cores()[1])
			.max()
			.orElse(0);
		if (busiest > 0.25) {
			out.printf(Locale.ROOT, " WARNING: other processes used up to %.2f of the %d cores during the throughput"
					+ " runs (column%n", busiest, Runtime.getRuntime().availableProcessors());
			out.println(" 'cores b/p/o'); CPU-bound figures (0 ms, floor, footprint) are depressed accordingly. Re-run"
					+ " on a quiet machine.");
		}
	}

	private static void throughputLegend() {
		out.printf("(a) THROUGHPUT. N requests started at once by %d concurrent \"people\" threads, which also complete"
				+ " every%n", PEOPLE);
		out.println("    approval (bob) and validation (alice, callsWork) through the engine's Java API as soon as its"
				+ " creation");
		out.println("    commits (a bench-only task listener announces it: no polling); timed from the first start to"
				+ " the last");
		out.println("    \"Service account provisioned\" (history end time).");
		warmUpLegend();
		out.println("    FLOOR = same BPMN, listeners, job executor (same settings), database and history, with no-op"
				+ " delegates");
		if (FloorDelegates.READS) {
			out.println("    FLOOR_READS=true: this floor's delegates each make the product's number of ServiceNow"
					+ " calls as reads of one");
			out.println("    user (1, 2, 3, 1, 1: 8 per instance), so that the floor pays the round trips and the"
					+ " product only what it does");
			out.println("    beyond them (writes, mails, checks). A diagnostic; the targets are against the no-op"
					+ " floor.");
		}
		out.println("    (no ServiceNow call, no mail), in its own context on its own database of the same kind, open"
				+ " beside the");
		out.printf("    product's: the two are measured in %d alternating rounds of N (product, floor | floor,"
				+ " product | ...), so that%n", ROUNDS);
		out.println("    both run under the same state of the JIT, which on 2 cores keeps compiling for thousands of"
				+ " instances.");
		out.println("    pacing = servicenow.pacing.calls-per-second (off = 0; the product default is 10).");
		out.println("    cores b/p/o = CPU cores used during the run by this benchmark JVM / by PostgreSQL / by all"
				+ " OTHER processes.");
		out.println("    CPU/inst = CPU ms per instance of this JVM plus PostgreSQL (hardly affected by the others'"
				+ " load); in brackets");
		out.println("    the part spent in the simulator's HTTP request threads (ServiceNow's side, not the"
				+ " product's). The");
		out.println("    product's HTTP client runs in the job executor's threads ('HTTP client' counts the JDK"
				+ " client's threads).");
		out.println("    (runs) = every round's rate in the order they ran; shown at 0 ms: the MEDIAN run of the"
				+ " product and of the");
		out.println("    floor (its CPU figures too). JIT s = time the JIT compilers spent during the run.");
		out.printf("    The runs at %d ms provision N=%d, so that filling and draining the pipeline weighs little; two"
				+ " runs, the faster shown,%n    after %d unmeasured instances at the same latency (the new load sets"
				+ " the JIT compiling again).%n", LATENCY_MS, N_LATENCY, WARMUP_LATENCY);
	}

	/** The warm-up before the measured runs, with the ServiceNow path's curve when it ran. */
	private static void warmUpLegend() {
		out.printf("    Each context provisions %d warm-up instances at 0 ms first (the floor %d, the paced one 5); the"
				+ " JVM's first%n", WARMUP, WARMUP_FLOOR);
		out.printf("    context %d,", WARMUP_FIRST);
		out.println(" because the contexts share the JIT and the product needs ~800 instances to reach a steady rate on"
				+ " 2 cores.");
		if (WarmUp.callRounds.isEmpty()) {
			out.println("    The ServiceNow path was not warmed on its own (WARMUP_CALLS=0): the product's calls run on"
					+ " colder code than");
			out.println("    the engine's, which C2 compiles first.");
		}
		else {
			out.println("    Before them, the ServiceNow path alone (client, Tomcat, simulator: a look-up and a PATCH"
					+ " per pair, from");
			out.printf("    the job executor's threads) ran %,d calls, %s in a round of %,d;%n",
					WarmUp.callRounds.size() * WARMUP_CALLS_ROUND,
					WarmUp.callsSettled ? "until its CPU per call fell by less than 5 %"
							: "as many as WARMUP_CALLS allows, its CPU per call still falling by 5 % or more",
					WARMUP_CALLS_ROUND);
			out.printf("    µs of CPU per call by round: %s.%n", WarmUp.callRounds.stream()
				.map(round -> String.format(Locale.ROOT, "%.0f", round[0]))
				.collect(Collectors.joining(", ")));
		}
		out.println("    Then the side with fewer is topped up, so that product and floor start the rounds on databases"
				+ " holding as many");
		out.println("    finished requests.");
	}

	private static void throughputTable(List<DbResults> results) {
		out.printf("%-9s %-7s %-6s %4s %7s %-10s %6s %6s %-14s %-9s %5s  %s%n", "database", "SN lat.", "pacing", "N",
				"inst/s", "(runs)", "FLOOR", "÷floor", "cores b/p/o", "CPU/inst", "JIT s", "target");
		out.println("-".repeat(118));
		for (DbResults r : results) {
			databaseRows(r);
			out.println("-".repeat(118));
		}
	}

	private static void databaseRows(DbResults r) {
		double floor = r.floor.perSecond();
		if (FloorDelegates.READS) {
			row(r.db, "-", "off", r.floor, floor, "FLOOR + 11 reads of ServiceNow per instance (FLOOR_READS)");
			row(r.db, "0 ms", "off", r.at0, floor, String.format(Locale.ROOT,
					"%.2f of the floor with reads (a diagnostic, no target: the targets are against the no-op floor)",
					r.at0.perSecond() / floor));
		}
		else {
			row(r.db, "-", "off", r.floor, floor, "FLOOR: no-op delegates, same N");
			row(r.db, "0 ms", "off", r.at0, floor, verdict(r.at0.perSecond() / floor, 0.8, "of floor; target ≥ 0.80"));
		}
		out.printf(Locale.ROOT, "%-9s CPU-bound view of 0 ms: floor CPU/inst ÷ product CPU/inst = %.2f; %.2f if the"
				+ " simulator ran elsewhere%n", "", r.floor.cpuPerInstance()[0] / r.at0.cpuPerInstance()[0],
				r.floor.cpuPerInstance()[0] / r.at0.cpuPerInstance()[2]);
		double callsL = r.atLatency.callsPerInstance();
		double bound = r.jobThreads / (callsL * LATENCY_MS / 1000.0);
		row(r.db, LATENCY_MS + " ms", "off", r.atLatency, floor, verdict(r.atLatency.perSecond() / bound, 0.9,
				String.format(Locale.ROOT, "of bound %.2f/s = %d threads/(%.1f calls × %d ms); target ≥ 0.90", bound,
						r.jobThreads, callsL, LATENCY_MS)));
		if (r.atLatency.threadUse() != null) {
			jobThreadLines(r.atLatency.threadUse());
		}
		double pacedBound = r.defaultPacing / r.paced.callsPerInstance();
		row(r.db, "0 ms", r.defaultPacing + "/s", r.paced, floor, String.format(Locale.ROOT,
				"%.2f of pacing cap %.2f/s = %d calls/s / %.1f calls", r.paced.perSecond() / pacedBound, pacedBound,
				r.defaultPacing, r.paced.callsPerInstance()));
		if (r.whatIf != null) {
			double whatIfBound = WHATIF_THREADS / (r.whatIf.callsPerInstance() * LATENCY_MS / 1000.0);
			row(r.db, LATENCY_MS + " ms", "off", r.whatIf, floor, String.format(Locale.ROOT,
					"WHAT-IF %d job threads (pool %d): %.2f of bound %.2f/s", WHATIF_THREADS, WHATIF_THREADS + 10,
					r.whatIf.perSecond() / whatIfBound, whatIfBound));
		}
	}

	private static void jobThreadLines(JobThreadUse use) {
		out.printf(Locale.ROOT, "%-9s %d ms: the job threads spent %.0f %% of the run inside the service tasks"
				+ " (variables, delegate, ServiceNow); the rest is acquisition, loading the job, commits and what a"
				+ " transaction does after the task%n", "", LATENCY_MS, 100 * use.insideShare());
		out.printf(Locale.ROOT, "%-9s busy threads of %d inside the tasks, by phase: Check request %.1f (its"
				+ " transaction then creates the approval task) | Create, Add, Hand over %.1f (each job run by the"
				+ " thread that committed the one before) | Remove GUI access + mail %.1f (the mail's transaction"
				+ " ends the instance)%n", "", use.threads(), use.busyThreads(0), use.busyThreads(1),
				use.busyThreads(2));
	}

	private static void connections(List<DbResults> results) {
		for (DbResults r : results) {
			String whatIf = r.whatIf == null ? ""
					: String.format(Locale.ROOT, ", what-if %.1f/%.0f", r.whatIf.connections()[0],
							r.whatIf.connections()[1]);
			out.printf(Locale.ROOT, "    %-9s DB connections in use (pool %s), mean/max: 0 ms %.1f/%.0f, %d ms"
					+ " %.1f/%.0f%s; max threads waiting for one: %.0f%n", r.db, r.poolSize, r.at0.connections()[0],
					r.at0.connections()[1], LATENCY_MS, r.atLatency.connections()[0], r.atLatency.connections()[1],
					whatIf, Math.max(r.at0.connections()[2], r.atLatency.connections()[2]));
		}
	}

	private static void cpuByThread(List<DbResults> results) {
		out.println("    Where the CPU of one instance goes at 0 ms (ms per instance, by thread; the median run of"
				+ " each):");
		StringBuilder header = new StringBuilder(String.format("    %-28s", ""));
		for (DbResults r : results) {
			header.append(String.format("%18s %8s", r.db + " product", "floor"));
		}
		out.println(header);
		List<String> groups = new ArrayList<>(Cpu.GROUPS);
		groups.add("PostgreSQL (other process)");
		for (String group : groups) {
			StringBuilder line = new StringBuilder(String.format("    %-28s", group));
			for (DbResults r : results) {
				line.append(String.format(Locale.ROOT, "%18.1f %8.1f", r.at0.cpuByGroup().get(group),
						r.floor.cpuByGroup().get(group)));
			}
			out.println(line);
		}
	}

	private static void latencyTable(List<DbResults> results) {
		out.println("(b) LATENCY of the automated segment: approval completed -> validation task created (Create"
				+ " service account,");
		out.printf("    Add account to groups, Hand over credentials: 3 async jobs), one instance at a time, M=%d per"
				+ " row, pacing%n", LATENCY_N);
		out.println("    off. Σ SN = the sum of that instance's ServiceNow round trips in the segment (client-side,"
				+ " the");
		out.println("    servicenow_calls_seconds timer); rest = segment − Σ SN (engine, job executor, DB, password,"
				+ " mail).");
		out.println("    Milliseconds, median / p95. FLOOR segment = the same segment with no-op delegates.");
		out.println();
		out.printf("%-9s %-7s %-15s %-17s %-15s %-16s %-15s%n", "database", "SN lat.", "segment", "Σ SN round trips",
				"rest", "SN calls/segment", "FLOOR segment");
		out.println("-".repeat(118));
		for (DbResults r : results) {
			for (Latency l : List.of(r.latency0, r.latencyL)) {
				out.printf("%-9s %-7s %-15s %-17s %-15s %-16s %-15s%n", r.db, l.latencyMillis + " ms",
						medP95(l.segments), medP95(l.serviceNowMillis), medP95(l.overheadMillis),
						String.format(Locale.ROOT, "%.1f (log %.1f)", l.segmentCalls.mean(), l.simulatorCalls.mean()),
						medP95(r.floorLatency.segments));
			}
		}
		out.println("    SN calls/segment: client metric; in brackets the simulator's own request log.");
	}

	private static void callsPerAccount(List<DbResults> results) {
		out.println("    ServiceNow CALLS PER PROVISIONED ACCOUNT (throughput runs: all calls / N; every call answered"
				+ " 2xx):");
		for (DbResults r : results) {
			out.printf("    %-9s 0 ms: %.2f | %d ms: %.2f | paced: %.2f | simulator log (0 ms): %.2f | incidents: %d%n",
					r.db, r.at0.callsPerInstance(), LATENCY_MS, r.atLatency.callsPerInstance(),
					r.paced.callsPerInstance(), (double) r.at0.simulatorCalls() / r.at0.n(),
					r.at0.incidents() + r.atLatency.incidents() + r.paced.incidents());
		}
		DbResults first = results.get(0);
		out.printf("    by step: Check request %.1f | approval -> validation task %.1f | after validation (Remove GUI"
				+ " access) %.1f%n", first.latency0.checkCalls.mean(), first.latency0.segmentCalls.mean(),
				first.latency0.afterCalls.mean());
		StringBuilder byTable = new StringBuilder();
		first.at0.calls()
			.byOperation()
			.forEach((operation, count) -> byTable.append(
					String.format(Locale.ROOT, "%s %.1f, ", operation, (double) count / first.at0.n())));
		out.println("    by table: " + byTable.substring(0, Math.max(0, byTable.length() - 2)));
		out.printf(Locale.ROOT, "    target: %.1f calls/account against %d that the process contract needs (see"
				+ " bench/README.md): %.2f × that%n", first.at0.callsPerInstance(), CALLS_NEEDED,
				first.at0.callsPerInstance() / CALLS_NEEDED);
	}

	private static void row(String db, String latency, String pacing, Throughput t, double floor, String target) {
		out.printf(Locale.ROOT, "%-9s %-7s %-6s %4d %7.2f %-10s %6.2f %6.2f %-14s %-9s %5.1f  %s%n", db, latency,
				pacing, t.n(), t.perSecond(), t.runs().isEmpty() ? "" : "(" + String.join("/", t.runs()) + ")", floor,
				t.perSecond() / floor, String.format(Locale.ROOT, "%.2f/%.2f/%.2f", t.cores()[0], t.cores()[2],
						t.cores()[1]),
				String.format(Locale.ROOT, "%.0f (%.0f)", t.cpuPerInstance()[0], t.cpuPerInstance()[1]),
				t.jitMillis() / 1000.0, target);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String verdict(double ratio, double target, String what) {
		return String.format(Locale.ROOT, "%.2f %s: %s", ratio, what, ratio >= target ? "MET" : "MISSED");
	}

	private static String medP95(Latency.Series s) {
		return fmt0(s.median()) + " / " + fmt0(s.percentile(0.95));
	}

	static String fmt0(double v) {
		return String.format(Locale.ROOT, "%.0f", v);
	}

	static String fmt1(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}
}
