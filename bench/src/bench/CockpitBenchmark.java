package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.serviceaccounts.ServiceAccountsApplication;

/**
 * The Cockpit plugin "Service accounts" with 10,000 governed accounts and 7 years of history each
 * ({@code bench.historyYears}, see {@link HistoryYears}): the inventory's first page and an account's story
 * over HTTP with a Cockpit session, p50 and p95 of {@code bench.queries} calls each, and what the history
 * weighs in the database. One context on the first of {@code DBS}; figures printed, no assertion.
 *
 * <pre>MAIN=bench.CockpitBenchmark DBS=h2 bench/run.sh
 * MAIN=bench.CockpitBenchmark DBS=postgres bench/run.sh</pre>
 */
public final class CockpitBenchmark {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);

	static final int QUERIES = Integer.getInteger("bench.queries", 100);

	/** Years of history every account has (0: none, lifecycles just started). */
	static final int YEARS = Integer.getInteger("bench.historyYears", 7);

	static final String API = "/camunda/api/cockpit/plugin/serviceAccounts/default";

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--servicenow-simulator.state-file=",
				"--serviceaccounts.mail.outbox=", "--spring.main.banner-mode=off", "--logging.threshold.console=OFF",
				"--servicenow.password=bench-secret",
				"--logging.file.name=" + Settings.WORK.resolve("logs").resolve("cockpit.log")));
		String db = Settings.DBS.get(0);
		arguments.addAll(Databases.freshArgs(db, "cockpit", false));
		// unset: the product's pacing (10 ServiceNow calls a second, JVM-wide); 0: none
		String pacing = System.getProperty("bench.serviceNowCallsPerSecond");
		if (pacing != null) {
			arguments.add("--servicenow.pacing.calls-per-second=" + pacing);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ServiceAccountsApplication.class)
			.run(arguments.toArray(String[]::new))) {
			run(context);
		}
		System.exit(0);
	}

	static void run(ConfigurableApplicationContext context) throws Exception {
		ProcessEngine engine = context.getBean(ProcessEngine.class);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		say("commit %s, %s, %d cores, %s, ServiceNow pacing %s calls/s", System.getProperty("bench.commit", "?"),
				context.getEnvironment().getProperty("spring.datasource.url").replaceAll(";.*", ""),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				context.getEnvironment().getProperty("servicenow.pacing.calls-per-second"));

		// one account provisioned for real: its story has a request, an approval and a lifecycle, then
		// its reviews, two a year
		String story = "svc_bench_story";
		provision(engine, story);
		DataSource dataSource = context.getBean(DataSource.class);
		HistoryYears history = new HistoryYears(engine, dataSource);
		if (YEARS > 0) {
			long reviewStart = System.nanoTime();
			history.review(story, 2 * YEARS);
			say("%s lived %d years for real: its request and %d periodic reviews in %.1f s", story, YEARS, 2 * YEARS,
					(System.nanoTime() - reviewStart) / 1e9);
		}
		Map<String, Long> storyRows = history.rows(story);
		long storyTotal = storyRows.values().stream().mapToLong(Long::longValue).sum();
		say("history rows of %s: %d %s", story, storyTotal, storyRows);

		long seedStart = System.nanoTime();
		List<Integer> numbers = new ArrayList<>();
		for (int i = 1; i < ACCOUNTS; i++) {
			numbers.add(i);
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> started = new ArrayList<>();
		int slice = (numbers.size() + 3) / 4;
		for (int s = 0; s < 4; s++) {
			List<Integer> part = numbers.subList(Math.min(numbers.size(), s * slice),
					Math.min(numbers.size(), (s + 1) * slice));
			started.add(pool.submit(() -> part.forEach(i -> engine.getRuntimeService()
				.createProcessInstanceByKey("serviceAccountLifecycle")
				.businessKey(String.format("svc_bench_%05d", i))
				.setVariables(Variables.createVariables()
					.putValue("accountUserName", String.format("svc_bench_%05d", i))
					.putValue("accountSysId", String.format("%032x", i))
					.putValue("owner", owner(i))
					.putValue("origin", "adoption"))
				.execute())));
		}
		for (Future<?> future : started) {
			future.get();
		}
		pool.shutdown();
		// their jobs stay put: only the plugin's queries run
		engine.getManagementService().suspendJobDefinitionByProcessDefinitionKey("serviceAccountLifecycle", true);
		say("%d governed accounts (lifecycles waiting for their review) seeded in %.1f s", ACCOUNTS,
				(System.nanoTime() - seedStart) / 1e9);

		if (YEARS > 0) {
			List<String[]> accounts = new ArrayList<>();
			for (int i = 1; i < ACCOUNTS; i++) {
				String account = String.format("svc_bench_%05d", i);
				accounts.add(new String[] { account, owner(i), history.lifecycle(account) });
			}
			DatabaseSize before = DatabaseSize.of(dataSource);
			long copyStart = System.nanoTime();
			history.copy(story, accounts);
			DatabaseSize after = DatabaseSize.of(dataSource);
			say("%s's %d years copied to the %d other accounts in %.1f s (%d history rows each, %s)", story, YEARS,
					accounts.size(), (System.nanoTime() - copyStart) / 1e9,
					history.rows(accounts.get(0)[0]).values().stream().mapToLong(Long::longValue).sum(),
					history.rows(accounts.get(0)[0]));
			say("database: %s before the copy, %s after: %.0f KB per account for %d years, %.0f KB per account-year",
					before, after, (after.bytes() - before.bytes()) / 1024.0 / accounts.size(), YEARS,
					(after.bytes() - before.bytes()) / 1024.0 / accounts.size() / YEARS);
			say("largest tables after the copy: %s", after.largest());
			long analyzeStart = System.nanoTime();
			DatabaseSize.analyze(dataSource);
			say("statistics updated (ANALYZE) in %.1f s", (System.nanoTime() - analyzeStart) / 1e9);
		}

		Session admin = new Session(port, "admin");
		Session bob = new Session(port, "bob");
		report("inventory, first page of 50 (admin, sorted by account)", admin, API + "/accounts?maxResults=50");
		report("inventory, first page of 50, state live, sorted by next review desc (admin)", admin,
				API + "/accounts?maxResults=50&state=live&sortBy=nextReview&sortOrder=desc");
		report("inventory, first page of 50 (bob: his own and alice's, who reports to him)", bob,
				API + "/accounts?maxResults=50");
		report("story of " + story + " (admin)", admin, API + "/accounts/" + story);
		report("ServiceNow now of " + story + " (admin, read live)", admin, API + "/accounts/" + story + "/servicenow");
		String middle = String.format("svc_bench_%05d", ACCOUNTS / 2 + 7);
		String alices = String.format("svc_bench_%05d", OWNERS);
		report("story of " + middle + " (admin)", admin, API + "/accounts/" + middle);
		Session alice = new Session(port, "alice");
		report("inventory, first page of 50 (alice: the accounts she owns)", alice, API + "/accounts?maxResults=50");
		report("story of " + alices + " (alice, its owner)", alice, API + "/accounts/" + alices);
	}

	/**
	 * Five accounts per owner, as in a company where each integration team owns a few: alice owns
	 * those numbered 2000, 4000, ... (and the story account), bob those numbered 2001, 4001, ...; alice
	 * reports to bob.
	 */
	static String owner(int i) {
		return switch (i % OWNERS) {
			case 0 -> "alice";
			case 1 -> "bob";
			default -> String.format("owner%04d", i % OWNERS);
		};
	}

	static final int OWNERS = Math.max(3, ACCOUNTS / 5);

	static void provision(ProcessEngine engine, String account) throws InterruptedException {
		engine.getIdentityService().setAuthentication("alice", List.of("service-account-requesters"));
		String id;
		try {
			id = engine.getRuntimeService()
				.startProcessInstanceByKey("serviceAccountRequest", request(account))
				.getId();
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		complete(engine, id, "approveServiceAccount", "bob",
				Map.of("approved", true, "approvalComment", "Fine for the benchmark"));
		complete(engine, id, "validateServiceAccount", "alice", Map.of("validationOutcome", "callsWork"));
		for (int i = 0; i < 600 && engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey("serviceAccountLifecycle")
			.processInstanceBusinessKey(account)
			.count() == 0; i++) {
			Thread.sleep(100);
		}
	}

	static Map<String, Object> request(String account) {
		Map<String, Object> fields = new HashMap<>();
		fields.put("accountUserName", account);
		fields.put("displayName", "Integration " + account);
		fields.put("purpose", "An integration that calls the Table API for " + account);
		fields.put("accountEmail", "");
		fields.put("additionalGroups", "");
		return fields;
	}

	static void complete(ProcessEngine engine, String instance, String key, String user, Map<String, Object> variables)
			throws InterruptedException {
		Task task = null;
		for (int i = 0; i < 600 && task == null; i++) {
			task = engine.getTaskService()
				.createTaskQuery()
				.processInstanceId(instance)
				.taskDefinitionKey(key)
				.singleResult();
			if (task == null) {
				Thread.sleep(100);
			}
		}
		engine.getIdentityService().setAuthentication(user, List.of("service-account-requesters"));
		try {
			engine.getTaskService().complete(task.getId(), variables);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	static void report(String what, Session session, String path) throws Exception {
		for (int i = 0; i < 5; i++) {
			session.get(path); // warm-up
		}
		double[] millis = new double[QUERIES];
		int size = 0;
		for (int i = 0; i < QUERIES; i++) {
			long began = System.nanoTime();
			HttpResponse<String> answer = session.get(path);
			millis[i] = (System.nanoTime() - began) / 1e6;
			if (answer.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
			}
			size = answer.body().length();
		}
		Arrays.sort(millis);
		say("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d calls, %d bytes)", what, millis[QUERIES / 2],
				millis[(int) Math.ceil(QUERIES * 0.95) - 1], millis[QUERIES - 1], QUERIES, size);
	}

	static void say(String format, Object... args) {
		System.out.println(String.format(format, args));
	}

	/** A web app session as Cockpit's login makes it (Tasklist's login for those without Cockpit). */
	static final class Session {

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final int port;

		private final Map<String, String> cookies = new HashMap<>();

		Session(int port, String user) throws Exception {
			this.port = port;
			keep(http.send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).build(),
					HttpResponse.BodyHandlers.discarding()));
			for (String app : List.of("cockpit", "tasklist")) {
				HttpResponse<String> login = http.send(HttpRequest
					.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Cookie", cookie())
					.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
					.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (login.statusCode() == 200) {
					keep(login);
					return;
				}
			}
			throw new IllegalStateException("no web app login for " + user);
		}

		HttpResponse<String> get(String path) throws Exception {
			return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie()).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		private void keep(HttpResponse<?> response) {
			for (String set : response.headers().allValues("Set-Cookie")) {
				String pair = set.split(";", 2)[0];
				int equals = pair.indexOf('=');
				if (equals > 0) {
					cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
				}
			}
		}

		private String cookie() {
			return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
		}

	}

}
