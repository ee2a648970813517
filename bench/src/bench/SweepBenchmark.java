package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.serviceaccounts.ServiceAccountsApplication;
import io.github.serviceaccounts.simulator.FaultPlan;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * The daily sweep over 10,000 governed accounts in the simulator at 100 ms, and Tasklist's task-list query with
 * and without 10,000 waiting lifecycle instances. One H2 context; figures printed, no assertion.
 *
 * <pre>MAIN=bench.SweepBenchmark DBS=h2 bench/run.sh</pre>
 */
public final class SweepBenchmark {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);

	static final int LEFT = 10; // accounts whose owner (dave, inactive in the seed) left

	static final int REQUESTS = 20; // open approval tasks in bob's task list

	static final int QUERIES = Integer.getInteger("bench.queries", 300);

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--servicenow-simulator.state-file=",
				"--serviceaccounts.mail.outbox=", "--spring.main.banner-mode=off", "--logging.threshold.console=OFF",
				"--servicenow.password=bench-secret",
				"--logging.file.name=" + Settings.WORK.resolve("logs").resolve("sweep.log")));
		arguments.addAll(Databases.freshArgs("h2", "sweep", false));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ServiceAccountsApplication.class)
			.run(arguments.toArray(String[]::new))) {
			run(context);
		}
		System.exit(0);
	}

	static void run(ConfigurableApplicationContext context) throws Exception {
		ProcessEngine engine = context.getBean(ProcessEngine.class);
		ServiceNowSimulator simulator = context.getBean(ServiceNowSimulator.class);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		say("commit %s, %d cores, %s", System.getProperty("bench.commit", "?"),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

		// bob's task list: approvals of REQUESTS requests
		for (int i = 0; i < REQUESTS; i++) {
			startRequest(engine, String.format("svc_tasklist_%03d", i));
		}
		waitFor(() -> engine.getTaskService().createTaskQuery().taskAssignee("bob").count() >= REQUESTS);
		Filter filter = engine.getFilterService().createFilterQuery().filterName("All tasks").singleResult();
		double[] floor = tasklist(engine, filter.getId());
		say("Tasklist task list of bob (filter 'All tasks', first 15 by created desc, and its count), %d queries:"
				+ " without lifecycles p50 %.2f ms, p95 %.2f ms", QUERIES, floor[0], floor[1]);

		// the accounts, and their lifecycles through the engine API
		long seedStart = System.nanoTime();
		seed(port, "svc_bench_", ACCOUNTS - LEFT, "bob");
		seed(port, "svc_left_", LEFT, "dave");
		Map<String, String> sysIds = new HashMap<>();
		for (Map<String, String> user : simulator.records("sys_user")) {
			sysIds.put(user.get("user_name"), user.get("sys_id"));
		}
		List<String[]> governed = new ArrayList<>();
		for (int i = 1; i <= ACCOUNTS - LEFT; i++) {
			governed.add(new String[] { String.format("svc_bench_%05d", i), "bob" });
		}
		for (int i = 1; i <= LEFT; i++) {
			governed.add(new String[] { String.format("svc_left_%05d", i), "dave" });
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> started = new ArrayList<>();
		for (List<String[]> slice : slices(governed, 4)) {
			started.add(pool.submit(() -> slice.forEach(account -> engine.getRuntimeService()
				.createProcessInstanceByKey("serviceAccountLifecycle")
				.businessKey(account[0])
				.setVariables(Variables.createVariables()
					.putValue("accountUserName", account[0])
					.putValue("accountSysId", sysIds.get(account[0]))
					.putValue("owner", account[1])
					.putValue("origin", "adoption")
					.putValue("lockedByLifecycle", false))
				.execute())));
		}
		for (Future<?> future : started) {
			future.get();
		}
		pool.shutdown();
		say("%d accounts seeded and governed in %.1f s", ACCOUNTS, (System.nanoTime() - seedStart) / 1e9);
		// the lifecycles' own jobs stay put: the sweep's calls alone reach the simulator
		engine.getManagementService().suspendJobDefinitionByProcessDefinitionKey("serviceAccountLifecycle", true);

		double[] loaded = tasklist(engine, filter.getId());
		say("Tasklist task list of bob with %d waiting lifecycles: p50 %.2f ms, p95 %.2f ms; p95 ratio %.2f of"
				+ " the run without", ACCOUNTS, loaded[0], loaded[1], loaded[1] / floor[1]);

		simulator.faults().configure(FaultPlan.NONE.withLatency(Settings.LATENCY_MS));
		for (String run : List.of("first (group look-up and identity_type probe included)", "second")) {
			int mark = simulator.requestLog().size();
			long began = System.nanoTime();
			Map<String, Object> figures = sweep(engine);
			double seconds = (System.nanoTime() - began) / 1e9;
			int calls = simulator.requestLog().size() - mark;
			say("Sweep, %s run, %d governed at %d ms: %d calls seen by the simulator, sweep's own figures %s;"
					+ " %.2f s from the timer to the end", run, ACCOUNTS, Settings.LATENCY_MS, calls, figures, seconds);
		}
	}

	static Map<String, Object> sweep(ProcessEngine engine) {
		long before = finished(engine);
		Job timer = engine.getManagementService()
			.createJobQuery()
			.processDefinitionKey("serviceAccountSweep")
			.timers()
			.singleResult();
		engine.getManagementService().executeJob(timer.getId());
		waitFor(() -> finished(engine) > before);
		String id = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey("serviceAccountSweep")
			.finished()
			.orderByProcessInstanceEndTime()
			.desc()
			.listPage(0, 1)
			.get(0)
			.getId();
		Map<String, Object> figures = new java.util.TreeMap<>();
		for (HistoricVariableInstance variable : engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(id)
			.list()) {
			figures.put(variable.getName().replace("sweep", ""), variable.getValue());
		}
		return figures;
	}

	static long finished(ProcessEngine engine) {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey("serviceAccountSweep")
			.finished()
			.count();
	}

	/**
	 * What Tasklist asks for a person's list: the filter's first page sorted by creation, and its count, as that
	 * person (authorization checks on).
	 * @return p50 and p95 in ms
	 */
	static double[] tasklist(ProcessEngine engine, String filterId) {
		List<Double> millis = new ArrayList<>();
		// as Tasklist's session holds them: bob and his groups
		List<String> groups = engine.getIdentityService()
			.createGroupQuery()
			.groupMember("bob")
			.list()
			.stream()
			.map(org.camunda.bpm.engine.identity.Group::getId)
			.toList();
		for (int i = 0; i < QUERIES + 50; i++) {
			engine.getIdentityService().setAuthentication("bob", groups);
			try {
				long began = System.nanoTime();
				engine.getFilterService()
					.listPage(filterId, engine.getTaskService().createTaskQuery().orderByTaskCreateTime().desc(), 0,
							15);
				engine.getFilterService().count(filterId);
				if (i >= 50) { // the first 50 warm up
					millis.add((System.nanoTime() - began) / 1e6);
				}
			}
			finally {
				engine.getIdentityService().clearAuthentication();
			}
		}
		Collections.sort(millis);
		return new double[] { millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1) };
	}

	static void startRequest(ProcessEngine engine, String name) {
		engine.getIdentityService().setAuthentication("alice", List.of("service-account-requesters"));
		try {
			Map<String, Object> fields = new HashMap<>();
			fields.put("accountUserName", name);
			fields.put("displayName", "Integration " + name);
			fields.put("purpose", "An integration that calls the Table API for " + name);
			fields.put("accountEmail", "");
			fields.put("additionalGroups", "");
			engine.getRuntimeService().startProcessInstanceByKey("serviceAccountRequest", fields);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	static void seed(int port, String prefix, int count, String owner) throws Exception {
		String body = "{\"count\":" + count + ",\"prefix\":\"" + prefix + "\",\"owner\":\"" + owner
				+ "\",\"lastLoginDaysAgo\":1,\"createdDaysAgo\":400,\"group\":\"ServiceNow Service Accounts\"}";
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + ServiceNowSimulator.PATH_PREFIX + "/seed-accounts"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString("integration:bench-secret".getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("seeding answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	static <T> List<List<T>> slices(List<T> all, int n) {
		List<List<T>> slices = new ArrayList<>();
		int size = (all.size() + n - 1) / n;
		for (int from = 0; from < all.size(); from += size) {
			slices.add(all.subList(from, Math.min(from + size, all.size())));
		}
		return slices;
	}

	static void waitFor(BooleanSupplier condition) {
		long end = System.nanoTime() + 600_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new IllegalStateException("timed out");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	static void say(String format, Object... args) {
		System.out.println("[sweep-bench] " + String.format(format, args));
	}

}
