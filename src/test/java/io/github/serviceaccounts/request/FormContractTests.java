package io.github.serviceaccounts.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the Camunda Forms against drifting from the process contract: Tasklist submits
 * form fields under their keys, so a renamed key silently becomes a missing process
 * variable.
 */
class FormContractTests {

	private static final Path FORMS = Path.of("forms");

	/** Tasklist 7.24 bundles form-js 1.8.7, which reads schemas up to this version. */
	private static final int TASKLIST_SCHEMA_VERSION = 16;

	/**
	 * What the Modeler generates (Field_0abc123, Textfield_1x2y3z4): ids must be chosen
	 * instead.
	 */
	private static final Pattern GENERATED_ID = Pattern.compile("_[0-9a-z]{7}$");

	private static final Set<String> REQUEST_FIELDS = Set.of("accountUserName", "displayName", "purpose",
			"accountEmail", "additionalGroups");

	private static final ObjectMapper JSON = new ObjectMapper();

	static Stream<Path> forms() throws IOException {
		List<Path> forms;
		try (Stream<Path> files = Files.list(FORMS)) {
			forms = files.filter(file -> file.toString().endsWith(".form")).sorted().toList();
		}
		assertThat(forms).extracting(FormContractTests::fileId)
			.containsExactlyInAnyOrder("requestServiceAccount", "reviseRequest", "approveServiceAccount",
					"validateServiceAccount", "reviewServiceAccount", "nameNewOwner", "acceptOwnership",
					"objectToRetirement", "retireServiceAccount", "confirmOwnership", "adoptServiceAccounts");
		return forms.stream();
	}

	@ParameterizedTest
	@MethodSource("forms")
	void formIdIsTheFileNameSoFormRefFindsIt(Path file) throws IOException {
		JsonNode form = read(file);

		assertThat(form.path("id").asText()).isEqualTo(fileId(file));
		assertThat(form.path("type").asText()).isEqualTo("default");
		assertThat(form.path("schemaVersion").asInt()).isEqualTo(TASKLIST_SCHEMA_VERSION);
	}

	@ParameterizedTest
	@MethodSource("forms")
	void componentIdsAreChosenUniqueAndNeverGenerated(Path file) throws IOException {
		List<JsonNode> components = components(read(file));

		List<String> ids = components.stream().map(component -> component.path("id").asText()).toList();
		assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
		assertThat(ids).noneMatch(id -> GENERATED_ID.matcher(id).find());
		List<String> keys = components.stream()
			.filter(component -> component.hasNonNull("key"))
			.map(component -> component.path("key").asText())
			.toList();
		assertThat(keys).doesNotHaveDuplicates();
	}

	@Test
	void startFormAsksExactlyForTheRequestFieldsWithTheirRules() throws IOException {
		Map<String, JsonNode> fields = fieldsByKey(read(FORMS.resolve("requestServiceAccount.form")));

		assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(REQUEST_FIELDS);
		assertRequestFieldRules(fields);
		assertThat(fields.values()).noneMatch(FormContractTests::isReadOnly);
	}

	@Test
	void reviseFormShowsTheRefusalAndOffersTheRequestFieldsOrAWithdrawal() throws IOException {
		Map<String, JsonNode> fields = fieldsByKey(read(FORMS.resolve("reviseRequest.form")));

		assertThat(fields.keySet()).containsExactlyInAnyOrder("accountUserName", "displayName", "purpose",
				"accountEmail", "additionalGroups", "withdraw", "refusalReason");
		assertRequestFieldRules(fields);
		assertThat(fields.get("refusalReason").path("label").asText()).isEqualTo("Why the request was refused");
		assertThat(isReadOnly(fields.get("refusalReason"))).isTrue();
		assertThat(fields.get("withdraw").path("type").asText()).isEqualTo("checkbox");
		// form-js skips hidden fields when it validates and submits: withdrawing is never
		// blocked
		// by a required field, and the previous values stay untouched.
		REQUEST_FIELDS.forEach(key -> {
			assertThat(isReadOnly(fields.get(key))).as(key).isFalse();
			assertThat(hideCondition(fields.get(key))).as(key).isEqualTo("=withdraw = true");
		});
	}

	@Test
	void approvalFormShowsTheRequestReadOnlyAndAsksForABooleanDecision() throws IOException {
		Map<String, JsonNode> fields = fieldsByKey(read(FORMS.resolve("approveServiceAccount.form")));

		assertThat(fields.keySet()).containsExactlyInAnyOrder("requesterName", "requester", "requesterManager",
				"accountUserName", "displayName", "purpose", "accountEmail", "additionalGroups", "requestedAccess",
				"requestedGroups", "validationComment", "approved", "approvalComment");
		fields.forEach((key, field) -> {
			boolean decision = key.equals("approved") || key.equals("approvalComment");
			assertThat(isReadOnly(field)).as(key).isEqualTo(!decision);
		});
		// a checkbox submits true or false, so the gateway always finds a boolean
		assertThat(fields.get("approved").path("type").asText()).isEqualTo("checkbox");
		assertThat(fields.get("approvalComment").path("type").asText()).isEqualTo("textarea");
		assertThat(hideCondition(fields.get("requestedGroups"))).isEqualTo("=approvalScope != \"moreAccess\"");
		assertThat(hideCondition(fields.get("validationComment"))).isEqualTo("=approvalScope != \"moreAccess\"");
		// the approver sees who asks, who they report to, and what access the account
		// gets
		assertThat(fields.get("requesterName").path("label").asText()).isEqualTo("Requester");
		assertThat(fields.get("requesterManager").path("label").asText()).isEqualTo("Requester's manager");
		assertThat(fields.get("requestedAccess").path("label").asText()).isEqualTo("Groups and the roles they give");
	}

	@Test
	void lifecycleFormsShowTheEvidenceReadOnlyAndAskOnlyForTheDecision() throws IOException {
		Map<String, Set<String>> editable = Map.of("reviewServiceAccount",
				Set.of("reviewOutcome", "groupsToRemove", "reviewComment"), "nameNewOwner",
				Set.of("newOwner", "namingComment"), "acceptOwnership", Set.of("ownershipAccepted", "declineReason"),
				"objectToRetirement", Set.of("objection"), "retireServiceAccount",
				Set.of("accountUserName", "retirementReason"), "confirmOwnership",
				Set.of("ownershipConfirmed", "declineReason"), "adoptServiceAccounts", Set.of("adoptionNote"));
		editable.forEach((form, keys) -> {
			try {
				Map<String, JsonNode> fields = fieldsByKey(read(FORMS.resolve(form + ".form")));
				fields.forEach((key, field) -> assertThat(isReadOnly(field)).as(form + " " + key)
					.isEqualTo(!keys.contains(key)));
				assertThat(fields.keySet()).as(form).containsAll(keys);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		Map<String, JsonNode> review = fieldsByKey(read(FORMS.resolve("reviewServiceAccount.form")));
		assertThat(review.get("reviewOutcome").path("values").findValuesAsText("value")).containsExactly("keep",
				"removeGroups", "retire");
		// a checkbox submits true or false, so the gateway always finds a boolean
		assertThat(
				fieldsByKey(read(FORMS.resolve("acceptOwnership.form"))).get("ownershipAccepted").path("type").asText())
			.isEqualTo("checkbox");
	}

	@Test
	void validationFormShowsEvidenceReadOnlyAndOffersExactlyTheFourOutcomes() throws IOException {
		Map<String, JsonNode> fields = fieldsByKey(read(FORMS.resolve("validateServiceAccount.form")));

		assertThat(fields.keySet()).containsExactlyInAnyOrder("accountUserName", "accountRoles", "accountLastLoginTime",
				"grantedGroups", "validationOutcome", "requestedGroups", "validationComment");
		List.of("accountUserName", "accountRoles", "accountLastLoginTime", "grantedGroups")
			.forEach(key -> assertThat(isReadOnly(fields.get(key))).as(key).isTrue());
		List.of("validationOutcome", "requestedGroups", "validationComment")
			.forEach(key -> assertThat(isReadOnly(fields.get(key))).as(key).isFalse());

		JsonNode outcome = fields.get("validationOutcome");
		assertThat(outcome.path("type").asText()).isEqualTo("radio");
		assertThat(outcome.path("validate").path("required").asBoolean()).isTrue();
		List<String> values = new ArrayList<>();
		outcome.path("values").forEach(value -> values.add(value.path("value").asText()));
		assertThat(values).containsExactlyInAnyOrder("callsWork", "readEvidenceAgain", "needMoreAccess", "cancel");

		JsonNode requestedGroups = fields.get("requestedGroups");
		assertThat(hideCondition(requestedGroups)).isEqualTo("=validationOutcome != \"needMoreAccess\"");
		assertThat(requestedGroups.path("validate").path("required").asBoolean()).isTrue();
	}

	private static void assertRequestFieldRules(Map<String, JsonNode> fields) {
		JsonNode userName = validation(fields, "accountUserName");
		assertThat(userName.path("required").asBoolean()).isTrue();
		assertThat(userName.path("minLength").asInt()).isEqualTo(3);
		assertThat(userName.path("maxLength").asInt()).isEqualTo(40);
		// the characters only: the prefix is configurable, so the server's rule checks it
		// (RequestRules)
		assertThat(userName.path("pattern").asText()).isEqualTo("^" + RequestRules.ACCOUNT_NAME_CHARACTERS + "$");
		assertThat(fields.get("accountUserName").path("description").asText())
			.isEqualTo("Starts with this installation's service account prefix (svc_ unless your administrators"
					+ " changed it), then at least one more character; lowercase letters, digits, . _ -; at most "
					+ RequestRules.ACCOUNT_NAME_MAX_LENGTH
					+ " characters in all, e.g. svc_jira_sync. Refused at once if"
					+ " another open request asks for the same name; a name already taken in ServiceNow sends the"
					+ " request back to you for revision.");

		JsonNode displayName = validation(fields, "displayName");
		assertThat(displayName.path("required").asBoolean()).isTrue();
		assertThat(displayName.path("minLength").asInt()).isEqualTo(2);
		assertThat(displayName.path("maxLength").asInt()).isEqualTo(80);

		assertThat(fields.get("purpose").path("type").asText()).isEqualTo("textarea");
		JsonNode purpose = validation(fields, "purpose");
		assertThat(purpose.path("required").asBoolean()).isTrue();
		assertThat(purpose.path("minLength").asInt()).isEqualTo(10);
		assertThat(purpose.path("maxLength").asInt()).isEqualTo(2000);

		JsonNode email = validation(fields, "accountEmail");
		assertThat(email.path("required").asBoolean()).isFalse();
		assertThat(email.path("validationType").asText()).isEqualTo("email");

		assertThat(fields.get("additionalGroups").path("type").asText()).isEqualTo("textfield");
		assertThat(validation(fields, "additionalGroups").path("required").asBoolean()).isFalse();
		assertThat(fields.get("additionalGroups").path("description").asText()).contains("allow-list",
				"ServiceNow Service Accounts");
	}

	private static JsonNode validation(Map<String, JsonNode> fields, String key) {
		return fields.get(key).path("validate");
	}

	private static boolean isReadOnly(JsonNode field) {
		return field.path("readonly").asBoolean(false) || field.path("disabled").asBoolean(false);
	}

	private static String hideCondition(JsonNode field) {
		return field.path("conditional").path("hide").asText(null);
	}

	private static Map<String, JsonNode> fieldsByKey(JsonNode form) {
		Map<String, JsonNode> fields = new LinkedHashMap<>();
		components(form).stream()
			.filter(component -> component.hasNonNull("key"))
			.forEach(component -> fields.put(component.path("key").asText(), component));
		return fields;
	}

	/**
	 * Every component, including those nested in groups, because keys must be unique
	 * form-wide.
	 */
	private static List<JsonNode> components(JsonNode container) {
		List<JsonNode> all = new ArrayList<>();
		container.path("components").forEach(component -> {
			all.add(component);
			all.addAll(components(component));
		});
		return all;
	}

	private static JsonNode read(Path file) throws IOException {
		return JSON.readTree(file.toFile());
	}

	private static String fileId(Path file) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - ".form".length());
	}

}
