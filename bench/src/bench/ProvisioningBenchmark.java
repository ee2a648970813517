package bench;

import static bench.Settings.DBS;
import static bench.Settings.FOOTPRINT;
import static bench.Settings.LATENCY_MS;
import static bench.Settings.LATENCY_N;
import static bench.Settings.N;
import static bench.Settings.N_LATENCY;
import static bench.Settings.N_PACED;
import static bench.Settings.ROUNDS;
import static bench.Settings.WARMUP;
import static bench.Settings.WARMUP_FLOOR;
import static bench.Settings.WHATIF_DBS;
import static bench.Settings.WHATIF_THREADS;
import static bench.Settings.WORK;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Throughput, latency and ServiceNow calls of the provisioning process, in this JVM, on H2 and on
 * PostgreSQL, against the embedded simulator; then the footprint of the packaged application next to a
 * bare Camunda starter (see {@link Footprint}). Prints one table at the end. Run by bench/run.sh.
 */
public final class ProvisioningBenchmark {

	public static void main(String[] args) throws Exception {
		Files.createDirectories(WORK);
		long begun = System.nanoTime();
		List<DbResults> results = new ArrayList<>();
		for (String db : DBS) {
			results.add(runDatabase(db.strip()));
		}
		List<Footprint.Result> footprint = FOOTPRINT ? new Footprint(WORK).run() : List.of();
		Report.print(results, footprint, Duration.ofNanos(System.nanoTime() - begun));
		System.exit(0);
	}

	/** One database: product and floor side by side (pacing off), the product with the default pacing, a what-if. */
	static DbResults runDatabase(String db) throws Exception {
		DbResults r = new DbResults();
		r.db = db;
		sideBySide(r);
		paced(r);
		if (WHATIF_THREADS > 0 && WHATIF_DBS.contains(db)) {
			whatIf(r);
		}
		return r;
	}

	private static void sideBySide(DbResults r) throws Exception {
		Progress.print("%s: product and floor (no-op delegates) side by side, pacing off", r.db);
		Map<String, String> pacingOff = Map.of("servicenow.pacing.calls-per-second", "0");
		try (App product = App.start(r.db, "product", false, pacingOff);
				App floor = App.start(r.db, "floor", true, pacingOff)) {
			r.jobThreads = product.jobThreads();
			r.poolSize = product.context.getEnvironment()
				.getProperty("spring.datasource.hikari.maximum-pool-size", "10");
			warmUpEqually(product, floor);
			StatementStatistics.start(product);
			StatementStatistics.start(floor);
			rounds(product, floor, r);
			StatementStatistics.write(product);
			StatementStatistics.write(floor);
			WarmUp.atLatency(product);
			r.atLatency = best(List.of(Measure.throughput(product, "tla", N_LATENCY, LATENCY_MS),
					Measure.throughput(product, "tlb", N_LATENCY, LATENCY_MS)));
			r.latency0 = Measure.latency(product, "l0", LATENCY_N, 0);
			r.latencyL = Measure.latency(product, "ll", LATENCY_N, LATENCY_MS);
			r.floorLatency = Measure.latency(floor, "fl", LATENCY_N, 0);
		}
	}

	private static void warmUpEqually(App product, App floor) throws InterruptedException {
		WarmUp.instances(product, "w", WARMUP);
		WarmUp.instances(floor, "w", WARMUP_FLOOR);
		// Both databases hold as many finished requests before the rounds (history rows, index sizes), so that
		// neither side works on a smaller database: before, the H2 floor's held 400 against the product's 800,
		// PostgreSQL's floor 400 against 100.
		WarmUp.instances(product, "e", floor.warmedUp - product.warmedUp);
		WarmUp.instances(floor, "e", product.warmedUp - floor.warmedUp);
	}

	/** The 0 ms runs of product and floor, alternating; the median run of each is the one shown. */
	private static void rounds(App product, App floor, DbResults r) throws InterruptedException {
		List<Throughput> productRuns = new ArrayList<>();
		List<Throughput> floorRuns = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			// product, floor | floor, product | product, floor ...: a drift of the JIT favours neither side
			boolean productFirst = round % 2 == 0;
			if (productFirst) {
				productRuns.add(Measure.throughput(product, "t" + round, N, 0));
			}
			floorRuns.add(Measure.throughput(floor, "f" + round, N, 0));
			if (!productFirst) {
				productRuns.add(Measure.throughput(product, "t" + round, N, 0));
			}
		}
		r.at0 = median(productRuns);
		r.floor = median(floorRuns);
	}

	private static void paced(DbResults r) throws Exception {
		Progress.print("%s: product, default pacing", r.db);
		try (App app = App.start(r.db, "paced", false, Map.of())) {
			r.defaultPacing = Integer
				.parseInt(app.context.getEnvironment().getProperty("servicenow.pacing.calls-per-second", "0"));
			WarmUp.instances(app, "w", 5);
			r.paced = Measure.throughput(app, "p0", N_PACED, 0);
		}
	}

	private static void whatIf(DbResults r) throws Exception {
		Progress.print("%s: what-if, %d job executor threads", r.db, WHATIF_THREADS);
		String threads = Integer.toString(WHATIF_THREADS);
		try (App app = App.start(r.db, "whatif", false, Map.of("servicenow.pacing.calls-per-second", "0",
				"camunda.bpm.job-execution.core-pool-size", threads,
				"camunda.bpm.job-execution.max-pool-size", threads,
				"camunda.bpm.job-execution.queue-capacity", threads,
				"camunda.bpm.job-execution.max-jobs-per-acquisition", threads,
				// A job holds its DB connection through all its ServiceNow calls: one connection per thread and more.
				"spring.datasource.hikari.maximum-pool-size", Integer.toString(WHATIF_THREADS + 10)))) {
			WarmUp.instances(app, "w", WARMUP);
			WarmUp.atLatency(app);
			r.whatIf = Measure.throughput(app, "x0", N_LATENCY, LATENCY_MS);
		}
	}

	/** The run with the median rate (ROUNDS is odd), listing every run's rate in the order they ran. */
	static Throughput median(List<Throughput> runs) {
		List<Throughput> sorted = runs.stream().sorted(Comparator.comparingDouble(Throughput::perSecond)).toList();
		return sorted.get(sorted.size() / 2).withRuns(rates(runs));
	}

	/** The faster run, listing both. */
	static Throughput best(List<Throughput> runs) {
		return runs.stream()
			.max(Comparator.comparingDouble(Throughput::perSecond))
			.orElseThrow()
			.withRuns(rates(runs));
	}

	private static List<String> rates(List<Throughput> runs) {
		return runs.stream().map(run -> Report.fmt1(run.perSecond())).toList();
	}
}
