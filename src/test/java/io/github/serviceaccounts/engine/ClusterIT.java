package io.github.serviceaccounts.engine;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.JSON;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.freePort;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.requestVariables;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.string;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.history.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Camunda 7's own clustering: two nodes of the packaged application share one PostgreSQL
 * database and one ServiceNow (a third JVM of the same jar, serving only its embedded
 * simulator). Requests start on node A, people work through node B, and both nodes' job
 * executors run the ServiceNow steps. Node A is killed with SIGKILL while provisioning is
 * under way; node B takes over the jobs A held once their locks expire and finishes every
 * request, with no account or membership twice.
 * <p>
 * Needs a fresh, empty PostgreSQL database in {@code -Dpostgres.cluster-url}
 * ({@code ./test.sh} creates one); skipped without it. The engine's {@code hostname}
 * tells the nodes apart in the job history ({@code ACT_HI_JOB_LOG.HOSTNAME_}), which
 * shows how the work was split.
 */
class ClusterIT {

	static final int REQUESTS = 200;
	static final String ACCOUNT_PREFIX = "svc_cluster_";
	static final int LOCK_TIME_MILLIS = 10_000;
	static final String DB_USER = "serviceaccounts";

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path data;

	final List<Node> nodes = new ArrayList<>();

	Node serviceNow;

	Node nodeA;

	Node nodeB;

	final Instant began = Instant.now();

	@AfterEach
	void stop() {
		nodes.forEach(Node::kill);
	}

	@Test
	void twoNodesShareTheWorkAndTheSurvivorFinishesWhatTheKilledNodeHeld() throws Exception {
		String clusterUrl = System.getProperty("postgres.cluster-url", "");
		assumeTrue(!clusterUrl.isBlank(),
				"-Dpostgres.cluster-url is not set (./test.sh sets it): the cluster test is skipped");
		DriverManager.setLoginTimeout(10);
		// Unreachable PostgreSQL or a wrong password fails here, loudly, before any JVM
		// starts.
		try (Connection db = DriverManager.getConnection(clusterUrl, DB_USER, DB_USER)) {
			assertThat(
					scalar(db, "SELECT count(*) FROM information_schema.tables WHERE lower(table_name) LIKE 'act\\_%'"))
				.as("Camunda tables already in %s; the cluster test needs a fresh, empty database (./test.sh drops and creates it)",
						clusterUrl)
				.isZero();
			startCluster(db, clusterUrl);

			// Every ServiceNow call takes 50 ms, so that jobs are in flight on both nodes
			// when A dies.
			assertThat(
					serviceNow.send("PUT", "/servicenow-simulator/faults", "integration", Map.of("latencyMillis", 50))
						.statusCode())
				.isEqualTo(200);
			startRequests(nodeA);
			log(REQUESTS + " requests started on node A");
			// From now on bob approves and alice validates through node B, as the tasks
			// appear.
			People people = new People(nodeB);
			people.start();
			Instant killedAt;
			Set<String> heldByA;
			try {
				waitFor("a third of the accounts created", Duration.ofMinutes(2), () -> {
					people.check();
					return created(nodeB) >= REQUESTS / 3;
				});
				// Process.destroyForcibly() sends SIGKILL on Unix: no shutdown hook, no
				// job released.
				ProcessHandle handle = nodeA.process.toHandle();
				nodeA.process.destroyForcibly().waitFor();
				assertThat(handle.isAlive()).isFalse();
				killedAt = Instant.now();
				long createdBeforeKill = created(nodeB);
				Map<String, String> lockedAtKill = lockedJobs(db);
				Map<String, Long> splitAtKill = jobsExecutedPerNode(db);
				log(String.format(
						"node A killed with %d of %d accounts created; jobs executed so far %s; %d jobs locked by %d nodes",
						createdBeforeKill, REQUESTS, splitAtKill, lockedAtKill.size(),
						new HashSet<>(lockedAtKill.values()).size()));
				assertThat(createdBeforeKill).as("the kill came in the middle of provisioning").isLessThan(REQUESTS);
				assertThat(splitAtKill.getOrDefault("node-a", 0L)).as("jobs node A executed before it died")
					.isPositive();
				heldByA = heldByTheDeadNode(db, lockedAtKill, people);
				assertThat(heldByA).as("jobs node A held when it died").isNotEmpty();

				waitFor("every request provisioned", Duration.ofMinutes(3), () -> {
					people.check();
					failOnIncident(nodeB);
					return nodeB.count(
							"/engine-rest/history/activity-instance/count?activityId=serviceAccountProvisioned&finished=true") == REQUESTS;
				});
			}
			finally {
				people.stop();
			}
			Map<String, Long> split = jobsExecutedPerNode(db);
			long takenOver = executedBy(db, "node-b", heldByA);
			log(String.format(
					"all %d provisioned, %.1f s after the kill; jobs executed: node-a %d, node-b %d; "
							+ "node B ran %d of the %d jobs node A held",
					REQUESTS, Duration.between(killedAt, Instant.now()).toMillis() / 1000.0,
					split.getOrDefault("node-a", 0L), split.getOrDefault("node-b", 0L), takenOver, heldByA.size()));

			assertThat(split.keySet()).as("hosts in the job history").containsExactlyInAnyOrder("node-a", "node-b");
			assertThat(split.values()).as("each node's share of the jobs")
				.allSatisfy(share -> assertThat(share).isPositive());
			assertThat(takenOver).as("jobs node A held, run by node B once their locks expired")
				.isEqualTo(heldByA.size());
			assertThat(nodeB
				.count("/engine-rest/history/process-instance/count?processDefinitionKey=serviceAccountRequest"))
				.as("requests")
				.isEqualTo(REQUESTS);
			assertThat(nodeB.count(
					"/engine-rest/history/process-instance/count?processDefinitionKey=serviceAccountRequest&completed=true"))
				.as("requests ended normally")
				.isEqualTo(REQUESTS);
			assertThat(nodeB.count("/engine-rest/history/incident/count")).as("incidents ever raised").isZero();
			assertNothingTwiceInServiceNow(serviceNow.get("/servicenow-simulator/state", "integration"));
		}
	}

	/** How many files of that kind the application deploys from that folder. */
	static long filesIn(String folder, String suffix) {
		try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
			return files.filter(file -> file.toString().endsWith(suffix)).count();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * ServiceNow and both nodes at the same moment, as two replicas of one deployment
	 * start: on the empty database one node creates the schema, the deployment, the demo
	 * users, the authorizations and the filter while the other waits for it
	 * (StartupLock), then finds them and adds nothing. Without the wait one of the two
	 * usually died creating the same tables.
	 */
	private void startCluster(Connection db, String clusterUrl) throws Exception {
		serviceNow = Node.start("servicenow", data,
				List.of("--spring.datasource.url=jdbc:h2:file:" + data.resolve("sim-db").toAbsolutePath(),
						"--camunda.bpm.job-execution.enabled=false", "--servicenow.password=integration",
						"--servicenow-simulator.state-file=" + data.resolve("sim.json").toAbsolutePath()));
		nodes.add(serviceNow);
		String serviceNowUrl = "http://localhost:" + serviceNow.port + "/servicenow-simulator";
		nodeA = Node.start("node-a", data, clusterNode("node-a", clusterUrl, serviceNowUrl));
		nodes.add(nodeA);
		nodeB = Node.start("node-b", data, clusterNode("node-b", clusterUrl, serviceNowUrl));
		nodes.add(nodeB);
		serviceNow.awaitReady("/servicenow-simulator/state", "integration");
		nodeA.awaitReady("/engine-rest/engine", "admin");
		nodeB.awaitReady("/engine-rest/engine", "admin");
		Map<String, Long> setup = sharedSetup(db);
		log("ServiceNow and nodes A and B up, started together on the empty database: " + setup
				+ "; waited for the other: "
				+ nodes.stream()
					.filter(node -> node.logContains("Another node is starting on this database"))
					.map(node -> node.name)
					.toList());
		assertThat(setup).as("one deployment, each model and each form and one \"All tasks\" filter, once")
			.containsEntry("ACT_RE_DEPLOYMENT", 1L)
			.containsEntry("ACT_RE_PROCDEF", filesIn("processes", ".bpmn"))
			.containsEntry("ACT_RE_CAMFORMDEF", filesIn("forms", ".form"))
			.containsEntry("ACT_RU_FILTER", 1L);
		assertThat(scalar(db,
				"SELECT count(*) FROM (SELECT NAME_ FROM ACT_GE_PROPERTY GROUP BY NAME_ HAVING count(*) > 1) twice"))
			.as("engine properties (schema version, history level, locks) written twice")
			.isZero();
	}

	/**
	 * The jobs whose lock belongs to neither node alive. A lock expiring later than every
	 * lock seen just after the kill was taken after it, so by node B: its owner is node
	 * B's.
	 */
	private static Set<String> heldByTheDeadNode(Connection db, Map<String, String> lockedAtKill, People people)
			throws Exception {
		Timestamp lastLockAtKill = lastLockExpiry(db);
		Set<String> ownersOfB = new HashSet<>();
		waitFor("node B to lock jobs after the kill", Duration.ofSeconds(60), () -> {
			people.check();
			ownersOfB.addAll(lockOwnersAfter(db, lastLockAtKill));
			return !ownersOfB.isEmpty();
		});
		Set<String> held = new HashSet<>();
		lockedAtKill.forEach((job, owner) -> {
			if (!ownersOfB.contains(owner)) {
				held.add(job);
			}
		});
		return held;
	}

	/** Four callers at a time, as a ServiceNow catalog item would send them. */
	static void startRequests(Node a) throws InterruptedException, ExecutionException {
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<HttpResponse<String>>> starts = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				Map<String, Object> request = request(String.format("%s%03d", ACCOUNT_PREFIX, i));
				starts.add(callers
					.submit(() -> a.send("POST", "/engine-rest/process-definition/key/serviceAccountRequest/start",
							"alice", Map.of("variables", request))));
			}
			for (Future<HttpResponse<String>> start : starts) {
				assertThat(start.get().statusCode()).as(start.get().body()).isEqualTo(200);
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	static long created(Node node) {
		return node.count("/engine-rest/history/activity-instance/count?activityId=createServiceAccount&finished=true");
	}

	static List<String> clusterNode(String hostname, String clusterUrl, String serviceNowUrl) {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + clusterUrl,
				"--spring.datasource.username=" + DB_USER, "--spring.datasource.password=" + DB_USER,
				"--camunda.bpm.generic-properties.properties.hostname=" + hostname,
				"--servicenow.base-url=" + serviceNowUrl, "--servicenow.username=integration",
				"--servicenow.password=integration", "--servicenow.pacing.calls-per-second=0",
				"--servicenow.read-timeout=3s", "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
				"--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000",
				"--serviceaccounts.retry-intervals=PT1S,PT2S,PT2S,PT2S,PT2S,PT2S,PT2S,PT2S");
	}

	static void assertNothingTwiceInServiceNow(JsonNode state) {
		assertThat(state.path("successfulInserts").path("sys_user").asInt()).as("accounts created").isEqualTo(REQUESTS);
		Map<String, String> accounts = new HashMap<>();
		for (JsonNode user : state.path("tables").path("sys_user")) {
			String userName = user.path("user_name").asText();
			if (userName.startsWith(ACCOUNT_PREFIX)) {
				assertThat(accounts.put(user.path("sys_id").asText(), userName)).as("sys_id of " + userName).isNull();
				assertThat(user.path("web_service_access_only").asText()).as(userName + " web services only")
					.isEqualTo("true");
			}
		}
		assertThat(new HashSet<>(accounts.values())).as("distinct account names").hasSize(REQUESTS);
		Map<String, Integer> memberships = new HashMap<>();
		for (JsonNode member : state.path("tables").path("sys_user_grmember")) {
			memberships.merge(member.path("user").asText(), 1, Integer::sum);
		}
		assertThat(accounts.keySet())
			.allSatisfy(account -> assertThat(memberships.get(account)).as("memberships of " + accounts.get(account))
				.isEqualTo(1));
	}

	// --- the engine's tables, read directly: what the REST API does not show (lock
	// owners, host names)

	static Map<String, Long> sharedSetup(Connection db) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of("ACT_ID_USER", "ACT_ID_GROUP", "ACT_ID_MEMBERSHIP", "ACT_RU_AUTHORIZATION",
				"ACT_RU_FILTER", "ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF", "ACT_RE_CAMFORMDEF")) {
			counts.put(table, scalar(db, "SELECT count(*) FROM " + table));
		}
		return counts;
	}

	static Map<String, Long> jobsExecutedPerNode(Connection db) throws SQLException {
		Map<String, Long> split = new LinkedHashMap<>();
		try (Statement query = db.createStatement();
				ResultSet rows = query.executeQuery("SELECT HOSTNAME_, count(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = "
						+ JobState.SUCCESSFUL.getStateCode() + " GROUP BY HOSTNAME_ ORDER BY HOSTNAME_")) {
			while (rows.next()) {
				split.put(rows.getString(1), rows.getLong(2));
			}
		}
		return split;
	}

	static long executedBy(Connection db, String hostname, Set<String> jobIds) throws SQLException {
		try (var query = db.prepareStatement("SELECT count(DISTINCT JOB_ID_) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = "
				+ JobState.SUCCESSFUL.getStateCode() + " AND HOSTNAME_ = ? AND JOB_ID_ = ANY (?)")) {
			query.setString(1, hostname);
			query.setArray(2, db.createArrayOf("varchar", jobIds.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * Job id to lock owner, for every job of a request some node holds now (not the
	 * nightly history cleanup).
	 */
	static Map<String, String> lockedJobs(Connection db) throws SQLException {
		Map<String, String> locked = new HashMap<>();
		try (Statement query = db.createStatement();
				ResultSet rows = query.executeQuery(
						"SELECT ID_, LOCK_OWNER_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL AND PROCESS_INSTANCE_ID_ IS NOT NULL")) {
			while (rows.next()) {
				locked.put(rows.getString(1), rows.getString(2));
			}
		}
		return locked;
	}

	static Timestamp lastLockExpiry(Connection db) throws SQLException {
		try (Statement query = db.createStatement();
				ResultSet rows = query.executeQuery(
						"SELECT max(LOCK_EXP_TIME_) FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL AND PROCESS_INSTANCE_ID_ IS NOT NULL")) {
			rows.next();
			return rows.getTimestamp(1) == null ? new Timestamp(0) : rows.getTimestamp(1);
		}
	}

	static Set<String> lockOwnersAfter(Connection db, Timestamp expiry) {
		try (var query = db.prepareStatement("SELECT DISTINCT LOCK_OWNER_ FROM ACT_RU_JOB WHERE LOCK_EXP_TIME_ > ?")) {
			query.setTimestamp(1, expiry);
			Set<String> owners = new HashSet<>();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					owners.add(rows.getString(1));
				}
			}
			return owners;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long scalar(Connection db, String sql) throws SQLException {
		try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	// --- the people, over node B's REST API

	static void failOnIncident(Node node) {
		JsonNode incidents = node.get("/engine-rest/incident", "admin");
		assertThat(incidents.size()).as("incidents: %s", incidents).isZero();
	}

	static Map<String, Object> request(String accountUserName) {
		return requestVariables(accountUserName, "Proves that two nodes share the work and lose nothing");
	}

	static Map<String, Object> approval() {
		return Map.of("approved", Map.of("value", true, "type", "Boolean"), "approvalComment", string(""));
	}

	void log(String message) {
		System.out.printf("ClusterIT %6.1f s  %s%n", Duration.between(began, Instant.now()).toMillis() / 1000.0,
				message);
	}

	/**
	 * Bob approves and alice validates through one node, in the background, as long as
	 * the test runs; four tasks at a time, so that approvals keep ahead of the job
	 * executors.
	 */
	static final class People {

		private final Node node;

		private final Thread thread;

		private final ExecutorService hands = Executors.newFixedThreadPool(4);

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private volatile boolean working = true;

		People(Node node) {
			this.node = node;
			this.thread = new Thread(this::work, "people on " + node.name);
			this.thread.setDaemon(true);
		}

		void start() {
			thread.start();
		}

		private void work() {
			try {
				while (working) {
					completeAll(APPROVE_SERVICE_ACCOUNT, "bob", approval());
					completeAll(VALIDATE_SERVICE_ACCOUNT, "alice", Map.of("validationOutcome", string("callsWork")));
					Thread.sleep(300);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}

		private void completeAll(String taskKey, String user, Map<String, Object> variables) throws Exception {
			List<Future<?>> completions = new ArrayList<>();
			for (JsonNode task : node.get("/engine-rest/task?taskDefinitionKey=" + taskKey, "admin")) {
				String path = "/engine-rest/task/" + task.path("id").asText() + "/complete";
				completions.add(hands.submit(() -> {
					HttpResponse<String> response = node.send("POST", path, user, Map.of("variables", variables));
					assertThat(response.statusCode()).as("%s by %s on %s: %s", path, user, node.name, response.body())
						.isEqualTo(204);
				}));
			}
			for (Future<?> completion : completions) {
				completion.get();
			}
		}

		/** Rethrows what stopped them, if anything did. */
		void check() {
			if (failure.get() != null) {
				throw new AssertionError("approving and validating through " + node.name + " failed", failure.get());
			}
		}

		void stop() throws InterruptedException {
			working = false;
			thread.join(30_000);
			hands.shutdownNow();
		}

	}

	/**
	 * One JVM of the packaged application, on its own port, logging to
	 * {@code <name>.log}.
	 */
	static final class Node extends ApplicationOverHttp {

		final Process process;

		final File log;

		private Node(String name, int port, Process process, File log) {
			super(name, port);
			this.process = process;
			this.log = log;
		}

		static Node start(String name, Path data, List<String> arguments) throws IOException {
			int port = freePort();
			List<String> command = new ArrayList<>(
					List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
							System.getProperty("app.jar", "target/servicenow-service-accounts-0.1.0-SNAPSHOT.jar"),
							"--server.port=" + port));
			command.addAll(arguments);
			File log = data.resolve(name + ".log").toFile();
			return new Node(name, port,
					new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start(), log);
		}

		void awaitReady(String path, String user) throws InterruptedException {
			waitFor(name + " to start (log: " + log + ")", Duration.ofSeconds(150), () -> {
				assertThat(process.isAlive()).as(name + " running, see " + log).isTrue();
				return answers(path, user);
			});
		}

		void kill() {
			process.destroyForcibly();
		}

		boolean logContains(String text) {
			try {
				return Files.readString(log.toPath()).contains(text);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

	}

}
