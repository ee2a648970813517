package io.github.serviceaccounts.security;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.github.serviceaccounts.simulator.Fault;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * No secret reaches the engine's database or the log: not the one-time password, not the
 * ServiceNow credentials (basic password, OAuth client secret), not an OAuth access
 * token. The whole journey runs against the embedded simulator over HTTP and a GreenMail
 * server, with the job executor doing the service tasks, once per way of authenticating.
 * The credentials step fails on the way twice: first ServiceNow refuses the password
 * write (HTTP 500) until an incident is raised, then the password is set but the mail
 * cannot be sent, again until an incident; an operator retries each time. Every password
 * the product generated and every token the simulator issued is recorded on the wire, in
 * front of the simulator, so the scan looks for the real values, including those of
 * failed attempts that nobody ever received.
 * <p>
 * People and operator act over the engine REST API, which serves the default engine only
 * ({@link RestApiExposure}); the engine keeps that name, which is safe because test
 * contexts live one at a time (src/test/resources/spring.properties).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests {

	static final int SMTP_PORT = 3926;

	// Values that cannot occur by chance, so that finding one anywhere means it leaked.
	static final String INTEGRATION_USER = "integ.secrets.q7xw";
	static final String BASIC_PASSWORD = "B4sic-P4ss-Hx3mW8tZr6Kd2NqJ";
	static final String OAUTH_CLIENT_ID = "camunda-secrets-9fKq2";
	static final String OAUTH_CLIENT_SECRET = "Cl1ent-S3cret-qV7zN2wK9pXr4LmT8yBd";

	/**
	 * How the simulator issues tokens (OAuthTokens): 64 random bytes, base64url without
	 * padding, so 86 characters. Not part of a longer run of base64 characters, nor
	 * followed by padding: a salted SHA-512 hash of a Camunda user's password
	 * (ACT_ID_USER.PWD_) is 86 characters plus "==", and about one in six has neither '+'
	 * nor '/'.
	 */
	static final Pattern TOKEN_SHAPE = Pattern.compile("(?<![A-Za-z0-9_+/-])[A-Za-z0-9_-]{86}(?![A-Za-z0-9_=+/-])");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
			"spring.datasource.url=jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1", "servicenow-simulator.state-file=",
			"spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP_PORT, "serviceaccounts.retry-intervals=PT1S,PT1S",
			"servicenow.write-settle-time=2s", "camunda.bpm.job-execution.wait-time-in-millis=200",
			"camunda.bpm.job-execution.max-wait=500", "logging.level.io.github.serviceaccounts=DEBUG",
			// OAuth wins when both are set (ServiceNowConfiguration); the basic password
			// is configured anyway
			// and must not leak either.
			"servicenow.oauth.client-id=" + OAUTH_CLIENT_ID, "servicenow.oauth.client-secret=" + OAUTH_CLIENT_SECRET,
			"servicenow.username=" + INTEGRATION_USER, "servicenow.password=" + BASIC_PASSWORD,
			"servicenow-simulator.oauth-client-id=" + OAUTH_CLIENT_ID,
			"servicenow-simulator.oauth-client-secret=" + OAUTH_CLIENT_SECRET,
			"servicenow-simulator.username=" + INTEGRATION_USER, "servicenow-simulator.password=" + BASIC_PASSWORD })
	@Import(WireRecording.class)
	@DirtiesContext
	class WithOAuthClientCredentials extends Journey {

		@Override
		String account() {
			return "svc_secrets_oauth";
		}

		@Override
		void assertAuthentication(SimulatorTraffic traffic) {
			assertThat(traffic.issuedTokens).as("access tokens issued by /oauth_token.do").isNotEmpty();
			assertThat(traffic.tableApiAuthorizations).as("Table API calls")
				.isNotEmpty()
				.allSatisfy(header -> assertThat(header).startsWith("Bearer "));
			assertThat(traffic.tableApiAuthorizations).extracting(header -> header.substring("Bearer ".length()))
				.allSatisfy(token -> assertThat(traffic.issuedTokens).contains(token));
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.datasource.url=jdbc:h2:mem:secrets-basic;DB_CLOSE_DELAY=-1",
					"servicenow-simulator.state-file=", "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP_PORT,
					"serviceaccounts.retry-intervals=PT1S,PT1S", "servicenow.write-settle-time=2s",
					"camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=500",
					"logging.level.io.github.serviceaccounts=DEBUG", "servicenow.username=" + INTEGRATION_USER,
					"servicenow.password=" + BASIC_PASSWORD, "servicenow-simulator.username=" + INTEGRATION_USER,
					"servicenow-simulator.password=" + BASIC_PASSWORD,
					// The simulator's OAuth client is configured, so its secret is one
					// more value that must not leak.
					"servicenow-simulator.oauth-client-id=" + OAUTH_CLIENT_ID,
					"servicenow-simulator.oauth-client-secret=" + OAUTH_CLIENT_SECRET })
	@Import(WireRecording.class)
	@DirtiesContext
	class WithBasicAuthentication extends Journey {

		@Override
		String account() {
			return "svc_secrets_basic";
		}

		@Override
		void assertAuthentication(SimulatorTraffic traffic) {
			assertThat(traffic.issuedTokens).as("access tokens").isEmpty();
			assertThat(traffic.tableApiAuthorizations).as("Table API calls")
				.isNotEmpty()
				.allSatisfy(header -> assertThat(header).isEqualTo("Basic " + basicCredentials()));
		}

	}

	/** The journey and the scan, the same for both ways of authenticating. */
	abstract static class Journey {

		@Autowired
		ServiceNowSimulator simulator;

		@LocalServerPort
		int port;

		@Autowired
		ProcessEngine engine;

		@Autowired
		JdbcTemplate jdbc;

		@Autowired
		SimulatorTraffic traffic;

		/** The account requested, also the business key. */
		abstract String account();

		/**
		 * The Table API calls carried the credentials of this way of authenticating, and
		 * no others.
		 */
		abstract void assertAuthentication(SimulatorTraffic traffic);

		/**
		 * The REST API finds its engine by name in the JVM-wide {@link ProcessEngines}
		 * registry. The test context cache closes the previous context only after this
		 * one has started, and closing that context's engine removes the name "default"
		 * from the registry, although it now stands for this engine: register it again.
		 */
		@BeforeEach
		void restApiFindsThisEngine() {
			ProcessEngines.registerProcessEngine(engine);
		}

		@Test
		void noSecretReachesTheDatabaseOrTheLogEvenWhenHandingOverCredentialsFails(CapturedOutput output)
				throws Exception {
			String account = account();
			// ServiceNow refuses every password write (the first PATCH of sys_user) until
			// the fault is cleared.
			simulator.faults().failNext(1000, Fault.INTERNAL_SERVER_ERROR, "PATCH", "sys_user");

			String instanceId = start(account);
			Map<String, Object> approval = awaitTask(instanceId, APPROVE_SERVICE_ACCOUNT);
			assertThat(approval.get("assignee")).isEqualTo("bob");
			complete("bob", approval, Map.of("approved", bool(true), "approvalComment", string("")));

			// 1. Incident: the password write failed.
			Map<String, Object> passwordRefused = awaitIncident(instanceId, null);
			assertThat(simulator.passwordWorks(account)).isFalse();
			Map<String, String> whileRefused = databaseContents();

			// 2. Incident: the password is set in ServiceNow, but the mail cannot be
			// sent.
			simulator.faults().clear();
			smtp.stop();
			retry(passwordRefused);
			Map<String, Object> mailFailed = awaitIncident(instanceId, passwordRefused);
			assertThat(simulator.passwordWorks(account)).as("the password of the attempt whose mail failed was set")
				.isTrue();
			Map<String, String> whileMailFailed = databaseContents();

			// The operator retries once the mail server is back: a new password is set
			// and mailed.
			smtp.start();
			retry(mailFailed);
			Map<String, Object> validation = awaitTask(instanceId, VALIDATE_SERVICE_ACCOUNT);
			complete("alice", validation, Map.of("validationOutcome", string("callsWork")));
			waitFor("the instance to end", Duration.ofSeconds(60),
					() -> "COMPLETED".equals(as("admin").get()
						.uri("/history/process-instance/{id}", instanceId)
						.retrieve()
						.body(Map.class)
						.get("state")));
			assertThat(as("admin").get()
				.uri("/history/activity-instance?processInstanceId={id}&activityId=serviceAccountProvisioned",
						instanceId)
				.retrieve()
				.body(List.class)).hasSize(1);

			// What the owner got: the password that was set last, and it works.
			String mailed = mailedPassword();
			List<String> passwordsSet = List.copyOf(traffic.passwordsSet);
			assertThat(passwordsSet).as("every password the product sent to ServiceNow")
				.hasSizeGreaterThanOrEqualTo(5) // 3 refused attempts, 1 whose mail
												// failed, 1 handed over
				.doesNotHaveDuplicates()
				.last()
				.isEqualTo(mailed);
			assertThat(simulator.passwordWorks(account)).isTrue();
			assertAuthentication(traffic);

			Map<String, String> secrets = secrets(passwordsSet);
			Map<String, String> atTheEnd = databaseContents();
			String log = output.getAll();

			List<String> leaks = new ArrayList<>();
			leaks.addAll(findSecrets("database while the password write was refused", whileRefused, secrets));
			leaks.addAll(findSecrets("database while the mail failed", whileMailFailed, secrets));
			leaks.addAll(findSecrets("database at the end", atTheEnd, secrets));
			leaks.addAll(findSecrets("log", logLines(log), secrets));
			assertThat(leaks).as("secrets found").isEmpty();

			// Positive controls: the failures were the ones intended, and the scan reads
			// the tables, their byte
			// arrays and the log of every thread.
			assertThat((String) passwordRefused.get("incidentMessage"))
				.startsWith("\"Hand over credentials\" failed for " + account + ": PATCH sys_user/")
				.contains("HTTP 500");
			assertThat((String) mailFailed.get("incidentMessage"))
				.startsWith("\"Hand over credentials\" failed for " + account + ": Could not send the mail");
			assertThat(locations(atTheEnd, account)).as("the account name in the database")
				.anyMatch(where -> where.startsWith("ACT_HI_PROCINST.BUSINESS_KEY_"));
			assertThat(locations(atTheEnd, "failed for " + account)).as("the failures in the database")
				.anyMatch(where -> where.startsWith("ACT_HI_INCIDENT.INCIDENT_MSG_"))
				.anyMatch(where -> where.startsWith("ACT_GE_BYTEARRAY.BYTES_"));
			assertThat(locations(whileRefused, "HTTP 500")).as("the refused password write, while it was an incident")
				.anyMatch(where -> where.startsWith("ACT_RU_INCIDENT."))
				.anyMatch(where -> where.startsWith("ACT_GE_BYTEARRAY.BYTES_"));
			assertThat(locations(whileMailFailed, "Could not send the mail"))
				.as("the failed mail, while it was an incident")
				.anyMatch(where -> where.startsWith("ACT_RU_INCIDENT."))
				.anyMatch(where -> where.startsWith("ACT_GE_BYTEARRAY.BYTES_"));
			assertThat(log).as("the log")
				.containsPattern("\\[" + account + "\\] .*one-time password set and sent to the owner")
				.contains("HTTP 500")
				.contains("Could not send the mail");
		}

		// --- the journey over HTTP, as the people and the operator do it

		String start(String account) {
			return (String) as("alice").post()
				.uri("/process-definition/key/serviceAccountRequest/start")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("variables",
						Map.of("accountUserName", string(account), "displayName", string("Secrets check"), "purpose",
								string("Proves that no secret reaches the database or the log"), "accountEmail",
								string(""), "additionalGroups", string(""))))
				.retrieve()
				.body(Map.class)
				.get("id");
		}

		/** Cockpit's "Retry" on the failed job. */
		void retry(Map<String, Object> incident) {
			as("admin").put()
				.uri("/job/{id}/retries", incident.get("configuration"))
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("retries", 1))
				.retrieve()
				.toBodilessEntity();
		}

		/**
		 * The open incident of "Hand over credentials", once its retries ran out; not the
		 * one given.
		 */
		Map<String, Object> awaitIncident(String instanceId, Map<String, Object> previous) throws InterruptedException {
			List<Map<String, Object>> found = new ArrayList<>();
			waitFor("an incident on handOverCredentials", Duration.ofSeconds(60), () -> {
				found.clear();
				as("admin").get()
					.uri("/incident?processInstanceId={id}&activityId=handOverCredentials", instanceId)
					.retrieve()
					.body(LIST_OF_MAPS)
					.stream()
					.filter(incident -> previous == null || !incident.get("id").equals(previous.get("id")))
					.forEach(found::add);
				return !found.isEmpty();
			});
			return found.get(0);
		}

		Map<String, Object> awaitTask(String instanceId, String taskKey) throws InterruptedException {
			List<Map<String, Object>> found = new ArrayList<>();
			waitFor("task " + taskKey, Duration.ofSeconds(60), () -> {
				found.clear();
				found.addAll(as("admin").get()
					.uri("/task?processInstanceId={id}&taskDefinitionKey={key}", instanceId, taskKey)
					.retrieve()
					.body(LIST_OF_MAPS));
				return !found.isEmpty();
			});
			return found.get(0);
		}

		void complete(String user, Map<String, Object> task, Map<String, Object> variables) {
			as(user).post()
				.uri("/task/{id}/complete", task.get("id"))
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("variables", variables))
				.retrieve()
				.toBodilessEntity();
		}

		RestClient as(String user) {
			return RestClient.builder()
				.requestFactory(new SimpleClientHttpRequestFactory())
				.baseUrl("http://localhost:" + port + "/engine-rest")
				.defaultHeaders(headers -> headers.setBasicAuth(user, "demo"))
				.build();
		}

		// --- what to look for, and where

		/**
		 * Label to value: each secret, and the forms it would take in a URL or an
		 * Authorization header.
		 */
		Map<String, String> secrets(List<String> passwordsSet) {
			Map<String, String> secrets = new LinkedHashMap<>();
			for (int i = 0; i < passwordsSet.size(); i++) {
				withEncodings(secrets, "one-time password #" + (i + 1) + " of " + passwordsSet.size(),
						passwordsSet.get(i));
			}
			withEncodings(secrets, "OAuth client secret", OAUTH_CLIENT_SECRET);
			withEncodings(secrets, "basic-auth password", BASIC_PASSWORD);
			secrets.put("basic-auth header value", basicCredentials());
			int token = 0;
			for (String issued : Set.copyOf(traffic.issuedTokens)) {
				secrets.put("access token #" + (++token), issued);
			}
			return secrets;
		}

		static void withEncodings(Map<String, String> secrets, String label, String value) {
			secrets.put(label, value);
			String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
			if (!urlEncoded.equals(value)) {
				secrets.put(label + " (URL-encoded)", urlEncoded);
			}
		}

		/**
		 * Every column of every row of every ACT_ table, keyed by "TABLE.COLUMN (first
		 * column = value)"; binary columns (serialized variables, exception stack traces)
		 * read byte for byte.
		 */
		Map<String, String> databaseContents() {
			List<String> tables = jdbc.queryForList(
					"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE 'ACT\\_%' ESCAPE '\\'",
					String.class);
			assertThat(tables).as("engine tables")
				.contains("ACT_GE_BYTEARRAY", "ACT_HI_PROCINST", "ACT_HI_INCIDENT", "ACT_RU_INCIDENT", "ACT_HI_VARINST",
						"ACT_HI_JOB_LOG");
			Map<String, String> contents = new LinkedHashMap<>();
			for (String table : tables) {
				jdbc.query("SELECT * FROM " + table, (ResultSet row) -> {
					ResultSetMetaData meta = row.getMetaData();
					String rowId = meta.getColumnName(1) + "=" + row.getString(1);
					for (int column = 1; column <= meta.getColumnCount(); column++) {
						String value = switch (meta.getColumnType(column)) {
							case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
								byte[] bytes = row.getBytes(column);
								yield bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
							}
							default -> row.getString(column);
						};
						if (value != null && !value.isEmpty()) {
							contents.put(table + "." + meta.getColumnName(column) + " (" + rowId + ")", value);
						}
					}
				});
			}
			return contents;
		}

		static Map<String, String> logLines(String log) {
			Map<String, String> lines = new LinkedHashMap<>();
			String[] split = log.split("\\R");
			for (int i = 0; i < split.length; i++) {
				lines.put("line " + (i + 1), split[i]);
			}
			return lines;
		}

		static List<String> locations(Map<String, String> contents, String needle) {
			return contents.entrySet()
				.stream()
				.filter(entry -> entry.getValue().contains(needle))
				.map(Map.Entry::getKey)
				.toList();
		}

		/**
		 * "label in where: place", for every secret and every token-shaped string found.
		 */
		static List<String> findSecrets(String where, Map<String, String> contents, Map<String, String> secrets) {
			List<String> found = new ArrayList<>();
			contents.forEach((place, value) -> {
				secrets.forEach((label, secret) -> {
					if (value.contains(secret)) {
						found.add(label + " in " + where + ": " + place);
					}
				});
				Matcher tokenShaped = TOKEN_SHAPE.matcher(value);
				while (tokenShaped.find()) {
					found.add("a string shaped like an access token in " + where + ": " + place);
				}
			});
			return found;
		}

		/**
		 * The one-time password as the plain-text part of the credentials mail shows it.
		 */
		static String mailedPassword() throws Exception {
			List<MimeMessage> credentials = new ArrayList<>();
			for (MimeMessage mail : smtp.getReceivedMessages()) {
				if (mail.getSubject().contains("one-time password")) {
					credentials.add(mail);
				}
			}
			assertThat(credentials).as("credentials mails").hasSize(1);
			Multipart alternative = (Multipart) credentials.get(0).getContent();
			String text = null;
			String html = null;
			for (int i = 0; i < alternative.getCount(); i++) {
				BodyPart part = alternative.getBodyPart(i);
				if (part.isMimeType("text/plain")) {
					text = (String) part.getContent();
				}
				else if (part.isMimeType("text/html")) {
					html = (String) part.getContent();
				}
			}
			assertThat(text).as("plain-text part").isNotNull();
			Matcher matcher = Pattern.compile("One-time password:\\s+(\\S+)").matcher(text);
			assertThat(matcher.find()).as("the password line of the mail").isTrue();
			String password = matcher.group(1);
			assertThat(password).hasSize(24);
			assertThat(html).as("HTML part").contains(password);
			return password;
		}

	}

	static final ParameterizedTypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new ParameterizedTypeReference<>() {
	};

	static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

	static Map<String, Object> bool(boolean value) {
		return Map.of("value", value, "type", "Boolean");
	}

	static String basicCredentials() {
		return Base64.getEncoder()
			.encodeToString((INTEGRATION_USER + ":" + BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What crosses the wire to the simulator, recorded in front of it: the Authorization
	 * header of every Table API call, every access token {@code /oauth_token.do} issued,
	 * every password written to sys_user. Kept in memory only; the test never prints a
	 * value.
	 */
	static final class SimulatorTraffic {

		final List<String> tableApiAuthorizations = new CopyOnWriteArrayList<>();

		final Set<String> issuedTokens = Collections.synchronizedSet(new LinkedHashSet<>());

		final List<String> passwordsSet = new CopyOnWriteArrayList<>();

		private final ObjectMapper json = new ObjectMapper();

		void record(HttpServletRequest request, byte[] requestBody, int status, byte[] responseBody)
				throws IOException {
			String path = request.getRequestURI();
			if (path.endsWith("/oauth_token.do")) {
				if (status == 200) {
					issuedTokens.add(json.readTree(responseBody).path("access_token").asText());
				}
				return;
			}
			if (!path.contains("/api/now/")) {
				return;
			}
			String authorization = request.getHeader("Authorization");
			tableApiAuthorizations.add(authorization == null ? "(none)" : authorization);
			if ("PATCH".equals(request.getMethod()) && path.contains("/table/sys_user/") && requestBody.length > 0) {
				JsonNode password = json.readTree(requestBody).get("user_password");
				if (password != null) {
					passwordsSet.add(password.asText());
				}
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class WireRecording {

		@Bean
		SimulatorTraffic simulatorTraffic() {
			return new SimulatorTraffic();
		}

		@Bean
		FilterRegistrationBean<Filter> simulatorTrafficRecorder(SimulatorTraffic traffic) {
			Filter recorder = (request, response, chain) -> {
				ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(
						(HttpServletRequest) request);
				ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(
						(HttpServletResponse) response);
				try {
					chain.doFilter(cachedRequest, cachedResponse);
					traffic.record(cachedRequest, cachedRequest.getContentAsByteArray(), cachedResponse.getStatus(),
							cachedResponse.getContentAsByteArray());
				}
				finally {
					cachedResponse.copyBodyToResponse();
				}
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(recorder);
			registration.addUrlPatterns(ServiceNowSimulator.PATH_PREFIX + "/*");
			registration.setName("simulatorTrafficRecorder");
			// Before the simulator's own filter (HIGHEST_PRECEDENCE + 10), which answers
			// without passing on.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
