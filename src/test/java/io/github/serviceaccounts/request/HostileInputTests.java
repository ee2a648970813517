package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.serviceaccounts.simulator.RequestLogEntry;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * Hostile input at the process's front doors, over real HTTP as alice: the REST start
 * that a ServiceNow catalog item uses, and the form submission that Tasklist's start form
 * makes. Every case must be refused at the start with a message that names the field (as
 * the form labels it) and the rule, and leave nothing behind: no process instance
 * (runtime or history), no job, and no call at all to the ServiceNow Table API, because
 * the start listener refuses it before "Check request" is reached.
 * <p>
 * The engine keeps its default name: the REST API's authentication filter resolves
 * {@code /engine-rest/process-definition/...} to the engine named "default" only
 * ("Process engine default not available", 404, under any other name), and
 * {@code RestApiExposure} lets no other {@code /engine/<name>/...} path through, so a
 * renamed engine could not be reached over HTTP.
 */
// Closed after the class: the engine REST API finds its engine by the name "default",
// which
// only one application context at a time may hold.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1", "servicenow-simulator.state-file=" })
class HostileInputTests {

	// The rules' own words (RequestRules); a fragment is matched inside the violation of
	// its field.
	static final String CHARACTERS = "may contain only lowercase letters, digits, '.', '_' and '-'";
	static final String LENGTH = "must be 3 to 40 characters long";
	static final String PREFIX = "must start with 'svc_'";
	static final String NAME_AFTER_PREFIX = "needs a name after the prefix 'svc_'";
	static final String ONE_LINE = "may contain only printable characters on one line";
	static final String LINE_BREAKS = "may contain only printable characters and line breaks";
	static final String DISPLAY_NAME_LENGTH = "must be 2 to 80 characters long";
	static final String PURPOSE_LENGTH = "must be 10 to 2000 characters long";
	static final String REQUIRED = "is required";
	static final String EMAIL = "must be a valid e-mail address";
	static final String NOT_GRANTABLE = "is not a grantable group";

	/** The fields as the start form labels them, as the answer names them. */
	static final Map<String, String> LABELS = Map.of("accountUserName", "Account user name", "displayName",
			"Display name", "purpose", "Purpose", "accountEmail", "Account email", "additionalGroups",
			"Additional groups");

	/** Leaves the variable out of the request altogether. */
	static final Object OMITTED = new Object() {
		@Override
		public String toString() {
			return "(omitted)";
		}
	};

	/**
	 * One hostile value in an otherwise valid request, and the rule that must refuse it.
	 */
	record Hostile(String field, Object value, String rule) {
	}

	enum Door {

		REST_START("start"), FORM_SUBMISSION("submit-form");

		final String path;

		Door(String path) {
			this.path = path;
		}

	}

	static Stream<Named<Hostile>> hostileInputs() {
		return Stream.of(
				// encoded-query injection: every one of these would change a ServiceNow
				// query if it got there
				refused("new query (^NQ)", "accountUserName", "svc_x^NQactive=true", CHARACTERS),
				refused("OR condition (^OR)", "accountUserName", "svc_x^ORuser_name=admin", CHARACTERS),
				refused("trailing ^NQ", "accountUserName", "svc_a^NQ", CHARACTERS),
				refused("ORDERBY", "accountUserName", "svc_x^ORDERBYsys_id", CHARACTERS),
				refused("text query", "accountUserName", "svc_x^123TEXTQUERY321=admin", CHARACTERS),
				refused("javascript: value", "accountUserName", "javascript:gs.getUser()", CHARACTERS),
				refused("javascript: after the prefix", "accountUserName", "svc_javascript:x", CHARACTERS),
				refused("equals sign", "accountUserName", "svc_x=y", CHARACTERS),
				refused("comma (IN list)", "accountUserName", "svc_x,y", CHARACTERS),
				refused("wildcard", "accountUserName", "svc_*", CHARACTERS),
				refused("URL-encoded ^NQ", "accountUserName", "svc_x%5ENQ", CHARACTERS),
				// shape of the name
				refused("wrong prefix", "accountUserName", "app_jira_sync", PREFIX),
				refused("uppercase prefix", "accountUserName", "SVC_jira_sync", CHARACTERS),
				refused("uppercase letter", "accountUserName", "svc_Jira_sync", CHARACTERS),
				refused("leading space", "accountUserName", " svc_jira_sync", CHARACTERS),
				refused("trailing space", "accountUserName", "svc_jira_sync ", CHARACTERS),
				refused("inner space", "accountUserName", "svc_jira sync", CHARACTERS),
				refused("tab", "accountUserName", "svc_jira\tsync", CHARACTERS),
				refused("Cyrillic dze for s", "accountUserName", "\u0455vc_jira_sync", CHARACTERS),
				refused("Cyrillic es for c", "accountUserName", "sv\u0441_jira_sync", CHARACTERS),
				refused("fullwidth letters", "accountUserName", "svc_\uFF4A\uFF49\uFF52\uFF41", CHARACTERS),
				refused("dotless i", "accountUserName", "svc_j\u0131ra_sync", CHARACTERS),
				refused("zero-width space", "accountUserName", "svc_jira\u200B_sync", CHARACTERS),
				refused("right-to-left override", "accountUserName", "svc_\u202Ecnys_arij", CHARACTERS),
				refused("41 characters", "accountUserName", "svc_" + "a".repeat(37), LENGTH + " (it has 41)"),
				refused("too short", "accountUserName", "sv", LENGTH + " (it has 2)"),
				refused("just the prefix", "accountUserName", "svc_", NAME_AFTER_PREFIX),
				refused("NUL in the name", "accountUserName", "svc_jira\u0000sync", CHARACTERS),
				refused("bell in the name", "accountUserName", "svc_jira\u0007sync", CHARACTERS),
				refused("trailing newline in the name", "accountUserName", "svc_jira_sync\n", CHARACTERS),
				refused("second line in the name", "accountUserName", "svc_jira_sync\nsvc_admin", CHARACTERS),
				// display name
				refused("NUL in the display name", "displayName", "Jira\u0000sync", ONE_LINE),
				refused("bell in the display name", "displayName", "Jira\u0007sync", ONE_LINE),
				refused("newline in the display name", "displayName", "Jira\nsync", ONE_LINE),
				refused("mail header injection in the display name", "displayName",
						"Jira sync\r\nBcc: mallory@example.com", ONE_LINE),
				refused("zero-width space in the display name", "displayName", "Jira\u200Bsync", ONE_LINE),
				refused("right-to-left override in the display name", "displayName", "Jira \u202Ecnys", ONE_LINE),
				refused("81-character display name", "displayName", "J".repeat(81),
						DISPLAY_NAME_LENGTH + " (it has 81)"),
				refused("1-character display name", "displayName", "J", DISPLAY_NAME_LENGTH + " (it has 1)"),
				refused("blank display name", "displayName", "   ", REQUIRED),
				// purpose
				refused("purpose too short", "purpose", "Because.", PURPOSE_LENGTH + " (it has 8)"),
				refused("purpose of 2001 characters", "purpose", "p".repeat(2001), PURPOSE_LENGTH + " (it has 2001)"),
				refused("NUL in the purpose", "purpose", "Jira Cloud creates\u0000 incidents", LINE_BREAKS),
				refused("escape sequence in the purpose", "purpose", "Jira Cloud creates \u001B[2J incidents",
						LINE_BREAKS),
				// e-mail
				refused("e-mail without @", "accountEmail", "not-an-address", EMAIL),
				refused("e-mail without a domain", "accountEmail", "a@b", EMAIL),
				refused("encoded query in the e-mail", "accountEmail", "x@y.com^NQactive=true", EMAIL),
				refused("e-mail in angle brackets", "accountEmail", "<a@b.com>", EMAIL),
				refused("space in the e-mail", "accountEmail", "team @example.com", EMAIL),
				refused("second address in the e-mail", "accountEmail", "team@example.com, mallory@example.com", EMAIL),
				refused("mail header injection in the e-mail", "accountEmail",
						"team@example.com\r\nBcc: mallory@example.com", EMAIL),
				// groups
				refused("admin group", "additionalGroups", "ServiceNow Administrators", NOT_GRANTABLE),
				refused("unknown group", "additionalGroups", "Domain Admins", NOT_GRANTABLE),
				refused("encoded query after a grantable group", "additionalGroups", "CMDB Read Access^NQ",
						NOT_GRANTABLE),
				refused("OR condition after a grantable group", "additionalGroups",
						"CMDB Read Access^ORname=ServiceNow Administrators", NOT_GRANTABLE),
				refused("javascript: group", "additionalGroups", "javascript:alert(1)", NOT_GRANTABLE),
				refused("admin group after a grantable one", "additionalGroups",
						"CMDB Read Access, ServiceNow Administrators", NOT_GRANTABLE),
				refused("admin group on a second line", "additionalGroups",
						"CMDB Read Access\nServiceNow Administrators", NOT_GRANTABLE),
				// types and presence
				refused("name as Integer", "accountUserName", typed(42, "Integer"), "must be text, not a number"),
				refused("name as Boolean", "accountUserName", typed(true, "Boolean"), "must be text, not true/false"),
				refused("name as a JSON object", "accountUserName", untyped(Map.of("value", 42, "type", "Integer")),
						"takes text or true/false, not an object"),
				refused("name as a JSON array", "accountUserName", untyped(List.of("svc_a", "svc_b")),
						"takes text or true/false, not a list"),
				refused("purpose as Long", "purpose", typed(1234567890123L, "Long"), "must be text, not a number"),
				refused("name as null", "accountUserName", null, REQUIRED),
				refused("name omitted", "accountUserName", OMITTED, REQUIRED),
				refused("display name as null", "displayName", null, REQUIRED),
				refused("purpose omitted", "purpose", OMITTED, REQUIRED));
	}

	static Stream<Arguments> hostileInputsAtBothDoors() {
		return hostileInputs().flatMap(hostile -> Stream.of(Door.values()).map(door -> Arguments.of(hostile, door)));
	}

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	@LocalServerPort
	int port;

	@BeforeEach
	void nothingLeftFromEarlierTests() throws InterruptedException {
		if (deleteEveryRequest()) {
			// A request that got in (the markup test, or a hostile input that was wrongly
			// accepted) may still
			// have "Check request" talking to ServiceNow; its calls must not be blamed on
			// the next case.
			awaitServiceNowQuiet();
		}
		simulator.reset();
	}

	@ParameterizedTest(name = "{0} via {1}")
	@MethodSource("hostileInputsAtBothDoors")
	void hostileInputIsRefusedAtTheStartAndNothingReachesServiceNow(Hostile hostile, Door door) {
		Answer answer = start(door, with(hostile.field(), hostile.value()));

		// A client error at both doors: the form submission by the engine REST API
		// itself, the plain /start
		// (where the engine wraps the listener's refusal) by RefusedRequestAnswers400.
		assertThat(answer.status()).as("HTTP status; body %s", answer.body()).isEqualTo(400);
		assertThat(sentenceOf(answer.message(), LABELS.get(hostile.field())))
			.as("the sentence of %s in: %s", LABELS.get(hostile.field()), answer.message())
			.isNotNull()
			.contains(hostile.rule());
		assertThat(answer.message()).as("message").doesNotContain(hostile.field() + ":");
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).as("running instances").isZero();
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).as("instances in history")
			.isZero();
		// The history cleanup job (every night) belongs to no request.
		assertThat(engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS_ID).count())
			.as("jobs of a request")
			.isZero();
		assertThat(tableApiCalls()).as("calls to the ServiceNow Table API").isEmpty();
	}

	@Test
	void markupInDisplayNameAndPurposeIsPrintableTextSoItIsAcceptedAndStoredLiterally() throws InterruptedException {
		String displayName = "<script>alert(1)</script>";
		String purpose = "\"><img src=x onerror=alert(document.cookie)> calls the Table API & more";
		Map<String, Object> viaRest = with("displayName", displayName);
		viaRest.put("purpose", string(purpose));
		viaRest.put("accountUserName", string("svc_markup_rest"));
		Map<String, Object> viaForm = new LinkedHashMap<>(viaRest);
		viaForm.put("accountUserName", string("svc_markup_form"));

		List<Answer> answers = List.of(start(Door.REST_START, viaRest), start(Door.FORM_SUBMISSION, viaForm));

		assertThat(answers)
			.allSatisfy(answer -> assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(200));
		List<ProcessInstance> instances = engine.getRuntimeService().createProcessInstanceQuery().list();
		assertThat(instances).extracting(ProcessInstance::getBusinessKey)
			.containsExactlyInAnyOrder("svc_markup_rest", "svc_markup_form");
		for (ProcessInstance instance : instances) {
			assertThat(engine.getRuntimeService().getVariable(instance.getId(), "displayName")).isEqualTo(displayName);
			assertThat(engine.getRuntimeService().getVariable(instance.getId(), "purpose")).isEqualTo(purpose);
		}
		// "Check request" only reads ServiceNow; wait for it so that no call of it leaks
		// into the next test.
		awaitApprovals(2);
		assertThat(tableApiCalls()).as("calls to the ServiceNow Table API before approval")
			.isNotEmpty()
			.allSatisfy(call -> assertThat(call.method()).isEqualTo("GET"));
	}

	@Test
	void variableTypesTheEngineCannotStoreAreRefusedBeforeTheRequestStarts() {
		// Spin is not on the class path, and Java serialization is switched off: the
		// engine would answer
		// with a message that does not name the field; the request is refused before it
		// gets there.
		Map<String, Map<String, Object>> unstorable = Map.of("accountUserName: a value of type 'Json' is not accepted",
				Map.of("value", "{\"value\": \"svc_a\"}", "type", "Json"),
				"accountUserName: a value of type 'Xml' is not accepted",
				Map.of("value", "<name>svc_a</name>", "type", "Xml"),
				"accountUserName: a value of type 'Object' is not accepted",
				Map.of("value", "rO0ABXQABXN2Y19h", "type", "Object", "valueInfo",
						Map.of("objectTypeName", "java.lang.String", "serializationDataFormat",
								"application/x-java-serialized-object")),
				"accountUserName: a value of type 'Bytes' is not accepted",
				Map.of("value", "c3ZjX2E=", "type", "Bytes"), "accountUserName: a value of type 'File' is not accepted",
				Map.of("value", "c3ZjX2E=", "type", "File", "valueInfo", Map.of("filename", "name.txt")));

		unstorable.forEach((message, variable) -> {
			for (Door door : Door.values()) {
				Answer answer = start(door, with("accountUserName", new Variable(variable)));

				assertThat(answer.status()).as("%s via %s; body %s", message, door, answer.body()).isEqualTo(400);
				assertThat(answer.message()).as("%s via %s", message, door).contains(message);
			}
		});
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).as("running instances").isZero();
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).as("instances in history")
			.isZero();
		assertThat(tableApiCalls()).as("calls to the ServiceNow Table API").isEmpty();
	}

	// --- helpers

	record Answer(int status, Map<?, ?> body) {

		String message() {
			return body == null ? null : String.valueOf(body.get("message"));
		}
	}

	Answer start(Door door, Map<String, Object> variables) {
		return RestClient.builder()
			.requestFactory(new SimpleClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port + "/engine-rest")
			.defaultHeaders(headers -> headers.setBasicAuth("alice", "demo"))
			.build()
			.post()
			.uri("/process-definition/key/serviceAccountRequest/{door}", door.path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("variables", variables))
			.exchange((request, response) -> new Answer(response.getStatusCode().value(), response.bodyTo(Map.class)));
	}

	/**
	 * The sentence of the field with this label: from its label up to the next field's,
	 * or null.
	 */
	static String sentenceOf(String message, String label) {
		int start = message == null ? -1 : message.indexOf(label + ": ");
		if (start < 0) {
			return null;
		}
		int end = message.length();
		for (String other : LABELS.values()) {
			int next = message.indexOf(other + ": ", start + label.length());
			if (next >= 0 && next < end) {
				end = next;
			}
		}
		return message.substring(start, end);
	}

	/** Deletes every request, running or historic; true if there was any. */
	boolean deleteEveryRequest() throws InterruptedException {
		boolean found = false;
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (engine.getHistoryService().createHistoricProcessInstanceQuery().count() > 0) {
			found = true;
			try {
				engine.getRuntimeService()
					.createProcessInstanceQuery()
					.list()
					.forEach(instance -> engine.getRuntimeService()
						.deleteProcessInstance(instance.getId(), "clean-up between tests", true, true));
				engine.getHistoryService()
					.createHistoricProcessInstanceQuery()
					.list()
					.forEach(instance -> engine.getHistoryService().deleteHistoricProcessInstance(instance.getId()));
			}
			catch (OptimisticLockingException ex) {
				// a job of the instance was running at the same time; once it is done,
				// try again
				assertThat(Instant.now()).as("deleting leftover requests").isBefore(deadline);
				Thread.sleep(100);
			}
		}
		return found;
	}

	void awaitServiceNowQuiet() throws InterruptedException {
		int calls;
		do {
			calls = simulator.requestLog().size();
			Thread.sleep(500);
		}
		while (simulator.requestLog().size() != calls);
	}

	List<RequestLogEntry> tableApiCalls() {
		return simulator.requestLog().stream().filter(call -> call.path().contains("/api/now/")).toList();
	}

	void awaitApprovals(int count) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (engine.getTaskService().createTaskQuery().taskDefinitionKey(APPROVE_SERVICE_ACCOUNT).count() < count) {
			assertThat(Instant.now())
				.as("waiting for %d approvals; incidents: %s", count,
						engine.getRuntimeService().createIncidentQuery().list())
				.isBefore(deadline);
			Thread.sleep(100);
		}
	}

	/**
	 * A valid request, as the engine REST API takes variables, with one field replaced
	 * (or left out).
	 */
	static Map<String, Object> with(String field, Object value) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("accountUserName", string("svc_hostile_probe"));
		variables.put("displayName", string("Hostile probe"));
		variables.put("purpose", string("Probes the start of a request with hostile input"));
		variables.put("accountEmail", string(""));
		variables.put("additionalGroups", string(""));
		if (value == OMITTED) {
			variables.remove(field);
		}
		else if (value instanceof Variable variable) {
			variables.put(field, variable.json());
		}
		else {
			variables.put(field, string((String) value));
		}
		return variables;
	}

	static Named<Hostile> refused(String name, String field, Object value, String rule) {
		return Named.of(name, new Hostile(field, value, rule));
	}

	/** A variable other than a String, exactly as the REST API receives it. */
	record Variable(Map<String, Object> json) {
	}

	static Variable typed(Object value, String type) {
		return new Variable(Map.of("value", value, "type", type));
	}

	/** No type: the engine takes whatever Jackson made of the JSON value. */
	static Variable untyped(Object value) {
		return new Variable(Map.of("value", value));
	}

	static Map<String, Object> string(String value) {
		Map<String, Object> variable = new HashMap<>();
		variable.put("value", value);
		variable.put("type", "String");
		return variable;
	}

}
