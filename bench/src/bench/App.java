package bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.serviceaccounts.ServiceAccountsApplication;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One Spring context of the product (or of the floor) with the embedded simulator, and the people who
 * request, approve and validate service accounts in it through the engine's Java API (as RequestDriver in
 * the tests).
 */
final class App implements AutoCloseable {

	final ConfigurableApplicationContext context;

	final ProcessEngine engine;

	final ServiceNowSimulator simulator;

	final MeterRegistry registry;

	final String label;

	// The people: several at once, as in real life, so that one driver thread does not cap the floor.
	final ExecutorService people = Executors.newFixedThreadPool(Settings.PEOPLE);

	/** Instances this context provisioned at 0 ms before its measured runs. */
	int warmedUp;

	private App(ConfigurableApplicationContext context, String label) {
		this.context = context;
		this.engine = context.getBean(ProcessEngine.class);
		this.simulator = context.getBean(ServiceNowSimulator.class);
		this.registry = context.getBean(MeterRegistry.class);
		this.label = label;
	}

	static App start(String db, String mode, boolean floor, Map<String, String> extra) throws Exception {
		String label = db + "-" + mode;
		List<String> args = new ArrayList<>(List.of(
				"--server.port=0",
				// In memory: the simulator stands in for a remote instance, its state file is not the product's cost.
				"--servicenow-simulator.state-file=",
				// Mail logged (and the log off) as before the local outbox existed: no .eml file per account.
				"--serviceaccounts.mail.outbox=",
				"--spring.main.banner-mode=off",
				"--logging.threshold.console=OFF",
				"--logging.file.name=" + Settings.WORK.resolve("logs").resolve(label + ".log")));
		args.addAll(Databases.freshArgs(db, label, floor));
		if (floor) {
			args.add("--spring.main.allow-bean-definition-overriding=true");
		}
		extra.forEach((key, value) -> args.add("--" + key + "=" + value));
		Class<?>[] sources = floor
				? new Class<?>[] { ServiceAccountsApplication.class, TaskFeed.class, FloorDelegates.class }
				: new Class<?>[] { ServiceAccountsApplication.class, TaskFeed.class };
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).run(args.toArray(String[]::new));
		return new App(context, label);
	}

	int jobThreads() {
		return Integer.parseInt(context.getEnvironment().getProperty("camunda.bpm.job-execution.max-pool-size", "3"));
	}

	/** The prefix of the account names, and so of the business keys, of one run in this context. */
	String names(String run) {
		return "svc_" + label.replace('-', '_') + "_" + run + "_";
	}

	@Override
	public void close() {
		people.shutdownNow();
		context.close();
	}

	ProcessInstance start(String accountUserName) {
		engine.getIdentityService().setAuthentication("alice", List.of("service-account-requesters"));
		try {
			Map<String, Object> fields = new HashMap<>();
			fields.put("accountUserName", accountUserName);
			fields.put("displayName", "Integration " + accountUserName);
			fields.put("purpose", "An integration that calls the Table API for " + accountUserName);
			fields.put("accountEmail", "");
			fields.put("additionalGroups", "");
			return engine.getRuntimeService().startProcessInstanceByKey("serviceAccountRequest", fields);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	void approve(String taskId) {
		completeAs("bob", taskId, Map.of("approved", true, "approvalComment", ""));
	}

	void validate(String taskId) {
		completeAs("alice", taskId, Map.of("validationOutcome", "callsWork"));
	}

	private void completeAs(String user, String taskId, Map<String, Object> variables) {
		engine.getIdentityService().setAuthentication(user, List.of());
		try {
			engine.getTaskService().complete(taskId, variables);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	/**
	 * Starts {@code n} requests at once, named {@code names} and a number, and lets the people complete every
	 * approval and validation as soon as it is announced, until all {@code n} are provisioned.
	 */
	void provisionAtOnce(String names, String run, int n, double provisionedBefore, long began)
			throws InterruptedException {
		TaskFeed.clear();
		List<Callable<Void>> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String name = String.format("%s%03d", names, i);
			starts.add(() -> {
				start(name);
				return null;
			});
		}
		all(starts);
		answerUntilProvisioned(run, n, provisionedBefore, began);
	}

	private void answerUntilProvisioned(String run, int n, double provisionedBefore, long began)
			throws InterruptedException {
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<Void>> persons = new ArrayList<>();
		for (int i = 0; i < Settings.PEOPLE; i++) {
			persons.add(people.submit(person(stop)));
		}
		long deadline = began + Duration.ofMinutes(5).toMillis();
		try {
			while (provisioned() - provisionedBefore < n) {
				if (System.currentTimeMillis() > deadline) {
					throw new IllegalStateException(label + " " + run + ": only " + (provisioned() - provisionedBefore)
							+ " of " + n + " provisioned after 5 minutes; incidents: "
							+ engine.getRuntimeService().createIncidentQuery().list());
				}
				for (Future<Void> person : persons) {
					if (person.isDone()) {
						person.get(); // a person's failure ends the run with its cause
					}
				}
				Thread.sleep(5);
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(label + ": a person's API call failed", ex.getCause());
		}
		finally {
			stop.set(true);
			for (Future<Void> person : persons) {
				try {
					person.get(); // gone before anyone else reads the feed
				}
				catch (ExecutionException ex) {
					// reported above, or irrelevant once every instance is provisioned
				}
			}
		}
	}

	/** A person: answers each new approval and validation as soon as it is announced, until told to stop. */
	private Callable<Void> person(AtomicBoolean stop) {
		return () -> {
			while (!stop.get()) {
				TaskFeed.Created task = TaskFeed.next(50);
				if (task == null) {
					continue;
				}
				if (task.taskDefinitionKey().equals("approveServiceAccount")) {
					approve(task.taskId());
				}
				else {
					validate(task.taskId());
				}
			}
			return null;
		};
	}

	private void all(List<Callable<Void>> work) throws InterruptedException {
		for (Future<Void> done : people.invokeAll(work)) {
			try {
				done.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(label + ": a person's API call failed", ex.getCause());
			}
		}
	}

	double provisioned() {
		Counter counter = registry.find("serviceaccounts.requests").tag("outcome", "provisioned").counter();
		return counter == null ? 0 : counter.count();
	}

	Calls calls() {
		long count = 0;
		double seconds = 0;
		Map<String, Long> byOperation = new TreeMap<>();
		for (Timer timer : registry.find("servicenow.calls").timers()) {
			count += timer.count();
			seconds += timer.totalTime(TimeUnit.SECONDS);
			byOperation.merge(timer.getId().getTag("method") + " " + timer.getId().getTag("table"), timer.count(),
					Long::sum);
		}
		return new Calls(count, seconds, byOperation);
	}

	TaskFeed.Created waitForTask(ProcessInstance instance, String key) throws InterruptedException {
		TaskFeed.Created created = TaskFeed.next(60_000);
		if (created == null || !created.processInstanceId().equals(instance.getId())
				|| !created.taskDefinitionKey().equals(key)) {
			throw new IllegalStateException(label + ": expected " + key + " of " + instance.getBusinessKey() + ", got "
					+ created + "; incidents: " + engine.getRuntimeService().createIncidentQuery().list());
		}
		return created;
	}

	void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 60_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException(label + ": waited 60 s for " + what + "; incidents: "
						+ engine.getRuntimeService().createIncidentQuery().list());
			}
			Thread.sleep(2);
		}
	}
}
