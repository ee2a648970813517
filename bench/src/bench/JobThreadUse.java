package bench;

import java.util.Arrays;
import java.util.Map;

/**
 * Job-thread time inside the service tasks of one run. Phase 0: Check request (jobs created by the
 * starts, found by the acquisition thread); 1: Create service account, Add account to groups, Hand over
 * credentials (each job run by the thread that committed the one before: Camunda's exclusive-job
 * continuation); 2: Remove GUI access (created by the owner's validation) and the mail, whose
 * transaction also ends the instance and stamps the history's removal time.
 */
record JobThreadUse(int threads, long elapsedMillis, double[] insideMillis, long[] from, long[] to) {

	static final Map<String, Integer> PHASES = Map.of("checkRequest", 0, "createServiceAccount", 1,
			"addAccountToGroups", 1, "handOverCredentials", 1, "removeGuiAccess", 2, "notifyAccountLive", 2);

	double busyThreads(int phase) {
		return insideMillis[phase] / Math.max(1, to[phase] - from[phase]);
	}

	double insideShare() {
		return Arrays.stream(insideMillis).sum() / (threads * (double) elapsedMillis);
	}
}
