package io.github.serviceaccounts.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestRulesTests {

	static final ServiceAccountsProperties PROPERTIES = TestSettings.PROPERTIES;

	final RequestRules rules = new RequestRules(PROPERTIES);

	static Map<String, Object> valid() {
		Map<String, Object> fields = new HashMap<>();
		fields.put("accountUserName", "svc_jira_sync");
		fields.put("displayName", "Jira sync");
		fields.put("purpose", "Jira Cloud creates incidents through the Table API");
		fields.put("accountEmail", "");
		fields.put("additionalGroups", "");
		return fields;
	}

	static Map<String, Object> with(String field, Object value) {
		Map<String, Object> fields = valid();
		fields.put(field, value);
		return fields;
	}

	@Test
	void validRequestIsNormalisedWithEmptyOptionalFieldsAsNotGiven() {
		ServiceAccountRequest request = rules.validate(valid());

		assertThat(request.accountUserName()).isEqualTo("svc_jira_sync");
		assertThat(request.accountEmail()).isNull();
		assertThat(request.additionalGroups()).isEmpty();
	}

	@Test
	void groupsAreMatchedWithoutRegardToCaseAndTheDefaultGroupIsDropped() {
		ServiceAccountRequest request = rules.validate(with("additionalGroups",
				" cmdb read access , ServiceNow Service Accounts,Event Management, CMDB Read Access"));

		assertThat(request.additionalGroups()).containsExactly("CMDB Read Access", "Event Management");
	}

	@ParameterizedTest(name = "{0} = ''{1}'' is refused: {2}")
	@CsvSource(delimiter = '|', value = {
			"accountUserName | svc_x^NQactive=true                | may contain only lowercase letters",
			"accountUserName | svc_x^ORuser_name=admin            | may contain only lowercase letters",
			"accountUserName | javascript:gs.getUser()            | must start with 'svc_'",
			"accountUserName | jira_sync                          | must start with 'svc_'",
			"accountUserName | svc_Jira                           | may contain only lowercase letters",
			"accountUserName | svc_jira sync                      | may contain only lowercase letters",
			"accountUserName | svc_јira                           | may contain only lowercase letters",
			"accountUserName | svc_abcdefghijklmnopqrstuvwxyzabcdefghijk | must be 3 to 40 characters long (it has 41)",
			"accountUserName | svc_                               | needs a name after the prefix",
			"displayName     | J                                  | must be 2 to 80 characters long",
			"purpose         | too short                          | must be 10 to 2000 characters long",
			"accountEmail    | not-an-address                     | must be a valid e-mail address",
			"accountEmail    | team@example.com^NQactive=true     | must be a valid e-mail address",
			"additionalGroups| ServiceNow Administrators          | 'ServiceNow Administrators' is not a grantable group",
			"additionalGroups| Unknown Group                      | 'Unknown Group' is not a grantable group",
			// Tasklist shows a refusal as HTML: a quoted value carries no markup
			"additionalGroups| <img src=x onerror=alert(1)>       | '?img src=x onerror=alert(1)?' is not a grantable group" })
	void brokenRuleIsNamedWithItsField(String field, String value, String rule) {
		assertThat(violationsOf(with(field, value)))
			.anySatisfy(violation -> assertThat(violation.field()).isEqualTo(field))
			.allSatisfy(violation -> assertThat(violation.field()).isEqualTo(field))
			.anySatisfy(violation -> assertThat(violation.rule()).contains(rule));
	}

	@Test
	void theRefusalNamesTheFieldsAsTheFormsLabelThem() {
		Map<String, Object> fields = with("accountUserName", "jira_sync");
		fields.put("displayName", "J");

		assertThatThrownBy(() -> rules.validate(fields)).isInstanceOf(InvalidRequestException.class)
			.hasMessage("Account user name: must start with 'svc_', the prefix of every service account name here "
					+ "(for example svc_jira_sync). Display name: must be 2 to 80 characters long (it has 1).");
	}

	@Test
	void aMissingPrefixIsNamedWithTheFieldAndTheConfiguredPrefix() {
		ServiceAccountsProperties other = new ServiceAccountsProperties("app_", PROPERTIES.defaultGroup(),
				PROPERTIES.grantableGroups(), PROPERTIES.fallbackApproverGroup(), PROPERTIES.tasklistUrl(),
				PROPERTIES.timers(), PROPERTIES.retryIntervals(), PROPERTIES.groupCacheTtl());

		// The forms check only the characters: this message is where a person learns the
		// prefix.
		assertThatThrownBy(() -> new RequestRules(other).validate(with("accountUserName", "svc_jira_sync")))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessage("Account user name: must start with 'app_', the prefix of every service account"
					+ " name here (for example app_jira_sync).");
	}

	@Test
	void controlCharactersAndWrongTypesAreRefused() {
		assertThat(violationsOf(with("displayName", "Jira\u0000sync")))
			.containsExactly(new Violation("displayName", "may contain only printable characters on one line"));
		assertThat(violationsOf(with("displayName", "Jira\nsync")))
			.containsExactly(new Violation("displayName", "may contain only printable characters on one line"));
		assertThat(violationsOf(with("displayName", "\u001FJira sync\n")))
			.containsExactly(new Violation("displayName", "may contain only printable characters on one line"));
		assertThat(violationsOf(with("accountEmail", "a..b@example.com")))
			.containsExactly(new Violation("accountEmail", "must be a valid e-mail address such as team@example.com"));
		// what a value is, in words: never the name of a Java class
		assertThat(violationsOf(with("purpose", 42))).containsExactly(
				new Violation("purpose", "must be text, not a number"), new Violation("purpose", "is required"));
		assertThat(violationsOf(with("displayName", true)))
			.contains(new Violation("displayName", "must be text, not true/false"));
		assertThat(violationsOf(with("accountUserName", null)))
			.containsExactly(new Violation("accountUserName", "is required"));
	}

	@Test
	void everyBrokenRuleIsReportedAtOnce() {
		Map<String, Object> fields = with("accountUserName", "x");
		fields.put("purpose", "");

		assertThatThrownBy(() -> rules.validate(fields)).isInstanceOfSatisfying(InvalidRequestException.class,
				ex -> assertThat(ex.violations()).extracting(Violation::field).contains("accountUserName", "purpose"));
	}

	List<Violation> violationsOf(Map<String, Object> fields) {
		try {
			rules.validate(fields);
		}
		catch (InvalidRequestException ex) {
			return ex.violations();
		}
		throw new AssertionError("not refused: " + fields);
	}

	@Test
	void multiLinePurposeIsAccepted() {
		assertThat(rules.validate(with("purpose", "Line one of the purpose\nline two")).purpose()).contains("\n");
	}

}
