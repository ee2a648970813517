package bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.serviceaccounts.servicenow.NewServiceNowUser;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

/**
 * CPU per ServiceNow call, the client's threads apart from the whole process (simulator, GC, JIT):
 * {@code bench.loopThreads} threads (default 1) call the embedded simulator in a loop, a user look-up with
 * the manager dot-walked and a PATCH per round trip pair, as the process makes them. No engine, no
 * database work in the loop. Every round is printed; the first ones run on colder code.
 * <p>
 * The PATCH goes to a service account of the loop's own ({@value #ACCOUNT}, owned by alice, created once if
 * missing), never to a person: the client writes only to a {@link VerifiedServiceAccount}. It is verified
 * once, before the loop, so the loop measures the same two calls as before; the process itself re-reads the
 * account ({@code verifyServiceAccount}, one more GET) before each of its writes, which this loop does not.
 * <p>
 * {@code MAIN=bench.ClientLoop DBS=h2 bench/run.sh}
 * <p>
 * {@link ProvisioningBenchmark} runs the same loop, from the job executor's number of threads, to bring the
 * ServiceNow path to the JIT state of a server that has made many calls before it measures anything.
 */
public final class ClientLoop implements AutoCloseable {

	private static final int CALLS_PER_ROUND = Integer.getInteger("bench.loopCalls", 40_000);

	private static final int ROUNDS = Integer.getInteger("bench.loopRounds", 8);

	private static final int THREADS = Integer.getInteger("bench.loopThreads", 1);

	private static final com.sun.management.OperatingSystemMXBean PROCESS =
			(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	/** The loop's own service account, owned by {@link #OWNER}. */
	static final String ACCOUNT = "svc_bench_client_loop";

	static final String OWNER = "alice";

	private final ServiceNowClient client;

	private final VerifiedServiceAccount account;

	private final int threads;

	private final ExecutorService callers;

	ClientLoop(ServiceNowClient client, int threads) {
		this.client = client;
		ServiceNowUser owner = client.findUserByUserName(OWNER).orElseThrow();
		ServiceNowUser account = client.findUserByUserName(ACCOUNT).orElseGet(() -> client.createUser(
				new NewServiceNowUser(ACCOUNT, "Bench client loop", "", null, owner.sysId())));
		this.account = client.verifyServiceAccount(account.sysId(), ACCOUNT, OWNER);
		this.threads = threads;
		this.callers = Executors.newFixedThreadPool(threads);
	}

	/** One round of {@code calls} calls; [µs CPU of the process, µs CPU of the calling threads, µs wall] per call. */
	double[] round(int calls) throws InterruptedException, ExecutionException {
		var threadBean = ManagementFactory.getThreadMXBean();
		long processStart = PROCESS.getProcessCpuTime();
		long wallStart = System.nanoTime();
		List<Future<Long>> results = new ArrayList<>();
		for (int t = 0; t < this.threads; t++) {
			results.add(this.callers.submit(() -> {
				long threadStart = threadBean.getCurrentThreadCpuTime();
				for (int i = 0; i < calls / 2 / this.threads; i++) {
					this.client.findUsersAndManagersByUserNames(List.of(OWNER));
					this.client.updateUser(this.account, Map.of("title", "Integration owner " + (i & 7)));
				}
				return threadBean.getCurrentThreadCpuTime() - threadStart;
			}));
		}
		long callingThreads = 0;
		for (Future<Long> result : results) {
			callingThreads += result.get();
		}
		return new double[] { (PROCESS.getProcessCpuTime() - processStart) / 1e3 / calls, callingThreads / 1e3 / calls,
				(System.nanoTime() - wallStart) / 1e3 / calls };
	}

	@Override
	public void close() {
		this.callers.shutdown();
	}

	public static void main(String[] args) throws Exception {
		try (App app = App.start("h2mem", "client-loop", false,
				Map.of("servicenow.pacing.calls-per-second", "0"));
				ClientLoop loop = new ClientLoop(app.context.getBean(ServiceNowClient.class), THREADS)) {
			for (int round = 0; round < ROUNDS; round++) {
				double[] perCall = loop.round(CALLS_PER_ROUND);
				System.out.printf("round %d (%d threads): per ServiceNow call %.0f µs CPU of the process, %.0f µs of the calling threads, %.0f µs wall%n",
						round, THREADS, perCall[0], perCall[1], perCall[2]);
			}
		}
		System.exit(0);
	}
}
