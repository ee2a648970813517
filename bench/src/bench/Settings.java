package bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The knobs of {@link ProvisioningBenchmark}: system properties, set by bench/run.sh from its environment
 * variables (bench/README.md, "Knobs").
 */
final class Settings {

	static final int N = Integer.getInteger("bench.n", 100);

	static final int N_PACED = Integer.getInteger("bench.nPaced", 20);

	// The 100 ms run is compared with a steady-state bound; one instance's chain of calls takes about a second,
	// and a batch pays it once to fill the pipeline and once to drain it: about 10 % of a batch of 100 (9 s of
	// work for 10 threads), about 3 % of a batch of 300.
	static final int N_LATENCY = Integer.getInteger("bench.nLatency", 300);

	// Unmeasured instances at that latency first: the new load (300 instances in flight, every call waiting)
	// sets the JIT compiling again, for about 30 s of compile time in the first such run on 2 cores.
	static final int WARMUP_LATENCY = Integer.getInteger("bench.warmupLatency", 300);

	static final int LATENCY_N = Integer.getInteger("bench.latencyN", 20);

	static final int WARMUP = Integer.getInteger("bench.warmup", 100);

	// The first context of the JVM also warms the JIT for every later one (same classes). On 2 cores the
	// product needed about 800 instances to reach a steady rate (9/s in the first 100, 24/s from the 800th).
	static final int WARMUP_FIRST = Integer.getInteger("bench.warmupFirst", 800);

	// Before those instances, the ServiceNow path alone (client, Tomcat, simulator) in a loop, from the job
	// executor's number of threads, in rounds of WARMUP_CALLS_ROUND, until a round's CPU per call falls by less
	// than 5 % (at most WARMUP_CALLS; 0 = none). 800 instances make 6,400 calls, and the engine's code, run many
	// times more often per instance, keeps the one C2 compiler thread busy first: the calls were measured on code
	// a server that has run for a while no longer runs (bench/README.md, "The ServiceNow path's warm-up").
	static final int WARMUP_CALLS = Integer.getInteger("bench.warmupCalls", 400_000);

	static final int WARMUP_CALLS_ROUND = 20_000;

	// The floor's context is measured after the product's: its delegates and listeners are new classes at the same
	// call sites, and C2 needs a few hundred instances to recompile them (with 100 its rate varied 1.7 × between
	// JVMs).
	static final int WARMUP_FLOOR = Integer.getInteger("bench.warmupFloor", 400);

	static final int PEOPLE = Integer.getInteger("bench.people", 4);

	// Product and floor at 0 ms: both contexts open side by side, runs alternating (product, floor, floor,
	// product, ...), so that both are measured under the same JIT state; the median run of each is shown. Odd, so
	// the median is a run.
	static final int ROUNDS = Integer.getInteger("bench.rounds", 7) | 1;

	static final long LATENCY_MS = Long.getLong("bench.latencyMillis", 100);

	static final int WHATIF_THREADS = Integer.getInteger("bench.whatIfThreads", 20);

	static final List<String> WHATIF_DBS = Arrays.asList(System.getProperty("bench.whatIfDbs", "h2").split(","));

	static final List<String> DBS = Arrays.stream(System.getProperty("bench.dbs", "h2,postgres").split(","))
		.map(String::strip)
		.filter(db -> !db.isEmpty())
		.toList();

	static final String PG_DB = System.getProperty("bench.pgDatabase", "serviceaccounts_bench");

	static final Path WORK = Path.of(System.getProperty("bench.work", "bench/target/work")).toAbsolutePath();

	static final boolean FOOTPRINT = Boolean.parseBoolean(System.getProperty("bench.footprint", "true"));

	static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

	private Settings() {
	}
}
