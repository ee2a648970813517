package bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import io.github.serviceaccounts.servicenow.ServiceNowClient;

/**
 * CPU per ServiceNow call, the client's thread apart from the whole process (simulator, GC, JIT): one
 * thread calls the embedded simulator in a loop, a user look-up with the manager dot-walked and a PATCH
 * per round trip pair, as the process makes them. No engine, no database work in the loop. Every round
 * is printed; the first ones run on colder code.
 * <p>
 * {@code MAIN=bench.ClientLoop DBS=h2 bench/run.sh}
 */
public final class ClientLoop {

	private static final int CALLS_PER_ROUND = Integer.getInteger("bench.loopCalls", 40_000);

	private static final int ROUNDS = Integer.getInteger("bench.loopRounds", 8);

	public static void main(String[] args) throws Exception {
		try (ProvisioningBenchmark.App app = ProvisioningBenchmark.App.start("h2mem", "client-loop", false,
				Map.of("servicenow.pacing.calls-per-second", "0"))) {
			ServiceNowClient client = app.context.getBean(ServiceNowClient.class);
			var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			var threads = ManagementFactory.getThreadMXBean();
			String sysId = client.findUserByUserName("alice").orElseThrow().sysId();
			for (int round = 0; round < ROUNDS; round++) {
				long processStart = process.getProcessCpuTime();
				long threadStart = threads.getCurrentThreadCpuTime();
				long wallStart = System.nanoTime();
				for (int i = 0; i < CALLS_PER_ROUND / 2; i++) {
					client.findUsersAndManagersByUserNames(List.of("alice"));
					client.updateUser(sysId, Map.of("title", "Integration owner " + (i & 7)));
				}
				System.out.printf("round %d: per ServiceNow call %.0f µs CPU of the process, %.0f µs of the calling thread, %.0f µs wall%n",
						round, (process.getProcessCpuTime() - processStart) / 1e3 / CALLS_PER_ROUND,
						(threads.getCurrentThreadCpuTime() - threadStart) / 1e3 / CALLS_PER_ROUND,
						(System.nanoTime() - wallStart) / 1e3 / CALLS_PER_ROUND);
			}
		}
		System.exit(0);
	}
}
