package bench;

import java.util.List;
import java.util.Map;

/** One throughput run of N instances: its rate, calls, CPU, JIT time and connections. */
record Throughput(int n, long latencyMillis, long elapsedMillis, Calls calls, long simulatorCalls, long incidents,
		double[] cores, double[] cpuMillis, long jitMillis, List<String> runs, Map<String, Double> cpuByGroup,
		double[] connections, JobThreadUse threadUse) {

	Throughput withRuns(List<String> all) {
		return new Throughput(n, latencyMillis, elapsedMillis, calls, simulatorCalls, incidents, cores, cpuMillis,
				jitMillis, all, cpuByGroup, connections, threadUse);
	}

	/** CPU milliseconds per instance: [whole benchmark JVM, simulator's request threads, JVM less simulator]. */
	double[] cpuPerInstance() {
		return new double[] { cpuMillis[0] / n, cpuMillis[1] / n, (cpuMillis[0] - cpuMillis[1]) / n };
	}

	double perSecond() {
		return n * 1000.0 / elapsedMillis;
	}

	double callsPerInstance() {
		return (double) calls.count() / n;
	}
}
