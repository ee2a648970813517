package bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU used by this JVM and by everything else on the machine, from /proc/stat and the JVM's own CPU time. The
 * benchmark shares the machine, so every run says how busy the rest of it was.
 */
record Cpu(long machineBusyJiffies, long ownNanos, long wallNanos, long simulatorNanos, long postgresJiffies,
		Map<String, Long> byThreadGroup) {

	static final List<String> GROUPS = List.of("job executor", "people (bench)", "simulator", "HTTP client",
			"job acquisition", "other threads", "GC, JIT, VM");

	static final com.sun.management.OperatingSystemMXBean OS =
			(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	static String group(String threadName) {
		if (threadName.startsWith("camundaTaskExecutor")) {
			return "job executor";
		}
		if (threadName.startsWith("pool-") || threadName.equals("main")) {
			return "people (bench)";
		}
		if (threadName.startsWith("http-nio-")) {
			return "simulator";
		}
		if (threadName.startsWith("HttpClient-")) {
			return "HTTP client";
		}
		if (threadName.startsWith("JobExecutor[")) {
			return "job acquisition";
		}
		return "other threads";
	}

	/** CPU nanoseconds of every live Java thread, keyed "id name". */
	static Map<String, Long> threadGroups(long processNanos) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> cpu = new HashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				cpu.put(info.getThreadId() + " " + info.getThreadName(),
						Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
			}
		}
		return cpu;
	}

	/**
	 * CPU ms per instance by thread group since {@code earlier}: threads alive at the end count from the earlier
	 * figure (or from zero when new); the process's CPU not found in them (GC and JIT threads, which are no
	 * Java threads, and threads that ended meanwhile) is "GC, JIT, VM".
	 */
	Map<String, Double> perInstanceByGroup(Cpu earlier, int n) {
		Map<String, Double> result = new LinkedHashMap<>();
		GROUPS.forEach(group -> result.put(group, 0.0));
		double threadsTotal = 0;
		for (Map.Entry<String, Long> thread : byThreadGroup.entrySet()) {
			double delta = (thread.getValue() - earlier.byThreadGroup.getOrDefault(thread.getKey(), 0L)) / 1e6 / n;
			String name = thread.getKey().substring(thread.getKey().indexOf(' ') + 1);
			result.merge(group(name), delta, Double::sum);
			threadsTotal += delta;
		}
		result.put("GC, JIT, VM", (ownNanos - earlier.ownNanos) / 1e6 / n - threadsTotal);
		result.put("PostgreSQL (other process)", (postgresJiffies - earlier.postgresJiffies) * 10.0 / n);
		return result;
	}

	static Cpu now() {
		long busy = -1;
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < Math.min(fields.length, 9); i++) {
				total += Long.parseLong(fields[i]);
			}
			busy = total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]);
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: no machine figure
		}
		long own = OS.getProcessCpuTime();
		return new Cpu(busy, own, System.nanoTime(), serverThreadsCpu(), readPostgresJiffies(), threadGroups(own));
	}

	/** utime + stime of every PostgreSQL server process (the database's own CPU, outside this JVM). */
	static long readPostgresJiffies() {
		long total = 0;
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String stat = Files.readString(proc.resolve("stat"));
					if (!stat.contains("(postgres)")) {
						continue;
					}
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				}
				catch (IOException | RuntimeException gone) {
					// the process ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return 0;
		}
		return total;
	}

	/**
	 * CPU of Tomcat's request threads. In the benchmark JVM nothing but the simulator is called over HTTP,
	 * so this is the ServiceNow side's cost, which a real instance would bear on its own machines.
	 */
	static long serverThreadsCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("http-nio-")) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	/** CPU milliseconds since {@code earlier}: [this JVM and PostgreSQL, of which the simulator's request threads]. */
	double[] millisSince(Cpu earlier) {
		return new double[] { (ownNanos - earlier.ownNanos) / 1e6 + (postgresJiffies - earlier.postgresJiffies) * 10.0,
				(simulatorNanos - earlier.simulatorNanos) / 1e6 };
	}

	/** [cores used by this JVM, by everything else but PostgreSQL, by PostgreSQL], averaged since {@code earlier}. */
	double[] since(Cpu earlier) {
		double wall = (wallNanos - earlier.wallNanos) / 1e9;
		double own = (ownNanos - earlier.ownNanos) / 1e9;
		// USER_HZ is 100 on Linux.
		double machine = machineBusyJiffies < 0 ? Double.NaN
				: (machineBusyJiffies - earlier.machineBusyJiffies) / 100.0;
		double postgres = (postgresJiffies - earlier.postgresJiffies) / 100.0;
		return new double[] { own / wall, Math.max(0, machine - own - postgres) / wall, postgres / wall };
	}
}
