package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The one allow-list: what Tasklist, Cockpit and Admin were seen to call in a browser
 * (the e2e journeys and a walk through Cockpit's and Admin's pages as admin, read from
 * the server's access log on 5 Dec 2026), and what no caller gets.
 */
class EngineApiRoutesTests {

	static final String ID = "0c0f2a5e-f06b-11f1-9011-02fc00000001";
	static final String DEFINITION = "serviceAccountRequest:1:6a5de0d7-f06b-11f1-a299-02fc00000001";

	@Test
	void whatTheWebAppsCallIsOnTheList() {
		List<String> seen = List.of("GET ", "GET /filter", "GET /filter/count", "POST /filter/" + ID + "/list",
				"GET /task", "GET /task/count", "POST /task", "POST /task/count", "GET /task/" + ID,
				"GET /task/" + ID + "/form", "GET /task/" + ID + "/form-variables",
				"GET /task/" + ID + "/deployed-form", "POST /task/" + ID + "/submit-form", "GET /user/alice/profile",
				"GET /process-definition", "GET /process-definition/count",
				"GET /process-definition/" + DEFINITION + "/startForm",
				"GET /process-definition/" + DEFINITION + "/deployed-start-form",
				"POST /process-definition/" + DEFINITION + "/submit-form",
				"GET /process-definition/" + DEFINITION + "/xml", "GET /process-definition/statistics",
				"POST /process-instance", "POST /process-instance/count", "GET /job-definition",
				"GET /deployment/count", "GET /decision-definition/count", "GET /case-definition/count",
				"POST /external-task/count", "POST /history/task/count", "POST /job", "POST /variable-instance",
				"POST /variable-instance/count", "POST /group", "OPTIONS /group", "OPTIONS /user", "OPTIONS /tenant",
				"GET /history/process-instance", "GET /incident", "PUT /job/" + ID + "/retries", "POST /user/create",
				"POST /process-definition/key/serviceAccountRequest/start");
		for (String call : seen) {
			String[] methodAndPath = call.split(" ", 2);
			assertThat(EngineApiRoutes.allowed(methodAndPath[0], methodAndPath[1])).as(call).isTrue();
		}
	}

	@Test
	void whatNobodyGetsIsNotOnIt() {
		List<String> refused = List.of("POST /deployment/create", "DELETE /deployment/" + ID,
				"POST /process-instance/" + ID + "/modification", "POST /process-definition/" + DEFINITION + "/restart",
				"POST /migration/execute", "POST /message", "POST /signal",
				"PUT /process-instance/" + ID + "/variables/accountSysId",
				"POST /process-instance/" + ID + "/variables", "PUT /task/" + ID + "/variables/approved",
				"POST /task/" + ID + "/localVariables", "POST /task/" + ID + "/bpmnError",
				"PUT /execution/" + ID + "/localVariables/x", "POST /process-instance/variables-async",
				"POST /batch/" + ID, "POST /history/process-instance/delete", "DELETE /history/variable-instance/" + ID,
				"PUT /task/" + ID, "POST /condition", "POST /external-task/fetchAndLock", "GET /nothing-we-know");
		for (String call : refused) {
			String[] methodAndPath = call.split(" ", 2);
			assertThat(EngineApiRoutes.allowed(methodAndPath[0], methodAndPath[1])).as(call).isFalse();
		}
	}

}
