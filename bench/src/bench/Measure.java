package bench;

import java.lang.management.ManagementFactory;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import io.github.serviceaccounts.simulator.FaultPlan;
import io.github.serviceaccounts.simulator.RequestLogEntry;

/** The measured runs of one context: a batch's throughput, and the latency of one instance at a time. */
final class Measure {

	private Measure() {
	}

	/** N requests at once; the people complete every approval and validation as soon as they see it. */
	static Throughput throughput(App app, String prefix, int n, long latencyMillis) throws InterruptedException {
		String names = app.names(prefix);
		app.simulator.reset();
		app.simulator.faults().configure(FaultPlan.NONE.withLatency(latencyMillis));
		Calls before = app.calls();
		Cpu cpuBefore = Cpu.now();
		long jitBefore = compilationMillis();
		PoolSampler pool = new PoolSampler(app.registry);
		double provisionedBefore = app.provisioned();
		long began = System.currentTimeMillis();
		app.provisionAtOnce(names, prefix, n, provisionedBefore, began);
		long ended = lastEnd(app, names);
		Calls after = app.calls();
		long simulatorCalls = app.simulator.requestLog().stream().filter(e -> e.path().startsWith("/api/now/")).count();
		long incidents = app.engine.getHistoryService().createHistoricIncidentQuery().count();
		app.simulator.faults().clear();
		Cpu cpuAfter = Cpu.now();
		double[] connections = pool.stop();
		long jit = compilationMillis() - jitBefore;
		Throughput result = new Throughput(n, latencyMillis, ended - began, after.minus(before), simulatorCalls,
				incidents, cpuAfter.since(cpuBefore), cpuAfter.millisSince(cpuBefore), jit, List.of(),
				cpuAfter.perInstanceByGroup(cpuBefore, n), connections,
				latencyMillis > 0 ? jobThreadUse(app, names, began, ended) : null);
		printThroughput(app.label, prefix, result);
		return result;
	}

	private static long compilationMillis() {
		return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
	}

	/** The end of the run: the last "Service account provisioned" in the engine's history. */
	private static long lastEnd(App app, String names) {
		return app.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKeyLike(names + "%")
			.finished()
			.list()
			.stream()
			.map(HistoricProcessInstance::getEndTime)
			.map(Date::getTime)
			.max(Long::compare)
			.orElseThrow();
	}

	private static void printThroughput(String label, String prefix, Throughput result) {
		Progress.print("  %-18s %-3s N=%-4d %5d ms latency: %7.2f instances/s, %.2f ServiceNow calls/instance;"
				+ " cores: bench %.2f, postgres %.2f, others %.2f", label, prefix, result.n(), result.latencyMillis(),
				result.perSecond(), result.callsPerInstance(), result.cores()[0], result.cores()[2], result.cores()[1]);
		Progress.print("  %-18s     CPU per instance: %.0f ms, of which simulator %.0f ms; JIT compiling %d ms during"
				+ " the run", label, result.cpuPerInstance()[0], result.cpuPerInstance()[1], result.jitMillis());
		Progress.print("  %-18s     DB connections in use: mean %.1f, max %.0f; threads waiting for one: max %.0f",
				label, result.connections()[0], result.connections()[1], result.connections()[2]);
	}

	/**
	 * Where the job threads' time went in one run, from the engine's history: the time inside the service
	 * tasks (from the task's start in its job, the job and its execution already loaded: variables,
	 * delegate, ServiceNow calls; not the job's acquisition and loading, its commit, nor the instance's
	 * end), in three phases that differ in what their transactions do around the task.
	 */
	private static JobThreadUse jobThreadUse(App app, String names, long began, long ended) {
		HistoryService history = app.engine.getHistoryService();
		Set<String> instances = new HashSet<>();
		history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKeyLike(names + "%")
			.list()
			.forEach(instance -> instances.add(instance.getId()));
		double[] inside = new double[3];
		long[] from = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
		long[] to = new long[3];
		for (Map.Entry<String, Integer> task : JobThreadUse.PHASES.entrySet()) {
			for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
				.activityId(task.getKey())
				.startedAfter(new Date(began - 1))
				.list()) {
				if (instances.contains(activity.getProcessInstanceId()) && activity.getEndTime() != null) {
					int phase = task.getValue();
					inside[phase] += activity.getEndTime().getTime() - activity.getStartTime().getTime();
					from[phase] = Math.min(from[phase], activity.getStartTime().getTime());
					to[phase] = Math.max(to[phase], activity.getEndTime().getTime());
				}
			}
		}
		return new JobThreadUse(app.jobThreads(), ended - began, inside, from, to);
	}

	/**
	 * One instance at a time, so that every ServiceNow call between the approval and the validation task
	 * belongs to that instance: the segment from the engine's history, the calls from the client's own
	 * metric (servicenow_calls_seconds, measured around each HTTP exchange, pacing waits excluded).
	 */
	static Latency latency(App app, String prefix, int m, long latencyMillis) throws InterruptedException {
		String names = app.names(prefix);
		app.simulator.reset();
		app.simulator.faults().configure(FaultPlan.NONE.withLatency(latencyMillis));
		Latency result = new Latency(latencyMillis);
		TaskFeed.clear();
		for (int i = 0; i < m; i++) {
			oneInstance(app, String.format("%s%03d", names, i), result);
		}
		app.simulator.faults().clear();
		Progress.print("  %-18s %-3s M=%-4d %5d ms latency: segment median %s ms, ServiceNow median %s ms", app.label,
				prefix, m, latencyMillis, Report.fmt0(result.segments.median()),
				Report.fmt0(result.serviceNowMillis.median()));
		return result;
	}

	/** Provisions one account, the people answering its tasks, and adds its segment and calls to {@code result}. */
	private static void oneInstance(App app, String name, Latency result) throws InterruptedException {
		Calls c0 = app.calls();
		double provisionedBefore = app.provisioned();
		ProcessInstance instance = app.start(name);
		TaskFeed.Created approval = app.waitForTask(instance, "approveServiceAccount");
		Calls c1 = app.calls();
		long approvedAt = System.currentTimeMillis();
		app.approve(approval.taskId());
		TaskFeed.Created validation = app.waitForTask(instance, "validateServiceAccount");
		Calls c2 = app.calls();
		List<RequestLogEntry> log = app.simulator.requestLog();
		HistoryService history = app.engine.getHistoryService();
		Date validationCreated = history.createHistoricTaskInstanceQuery()
			.taskId(validation.taskId())
			.singleResult()
			.getStartTime();
		app.validate(validation.taskId());
		app.waitUntil("end of " + instance.getBusinessKey(), () -> app.provisioned() > provisionedBefore);
		Calls c3 = app.calls();
		HistoricActivityInstance approvalActivity = history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId("approveServiceAccount")
			.singleResult();
		long segment = validationCreated.getTime() - approvalActivity.getEndTime().getTime();
		long simulatorCalls = log.stream()
			.filter(e -> e.path().startsWith("/api/now/") && e.timestamp().toEpochMilli() >= approvedAt)
			.count();
		result.add(segment, (c2.seconds() - c1.seconds()) * 1000, c2.count() - c1.count(), simulatorCalls,
				c1.count() - c0.count(), c3.count() - c2.count());
	}
}
