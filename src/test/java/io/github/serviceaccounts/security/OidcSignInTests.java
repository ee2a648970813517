package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sign-in to the web apps at a real OpenID provider ({@link TestOpenIdProvider}), driven
 * over HTTP as a browser would: the application sends the browser to the provider, the
 * person signs in there, the provider sends them back with a code, and Tasklist's engine
 * API then works as that person, with the groups the provider names, mapped. No Camunda
 * user exists (demo users are off).
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:oidc;DB_CLOSE_DELAY=-1", "servicenow-simulator.state-file=",
				"serviceaccounts.demo-users=false",
				// a break-glass administrator: Camunda's web apps send everyone to the
				// first-run setup while no Camunda user is in camunda-admin
				"camunda.bpm.admin-user.id=breakglass", "camunda.bpm.admin-user.password=Break-glass-2026-long" })
class OidcSignInTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final TestOpenIdProvider provider = TestOpenIdProvider.get();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		List<String> settings = new ArrayList<>(List.of(provider.applicationSettings()));
		settings.addAll(List.of(TestOpenIdProvider.GROUP_MAPPING));
		for (String setting : settings) {
			String[] keyValue = setting.split("=", 2);
			registry.add(keyValue[0], () -> keyValue[1]);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identityService;

	@Autowired
	org.camunda.bpm.engine.HistoryService historyService;

	final CookieManager cookies = new CookieManager();

	final HttpClient browser = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	final List<URI> visited = new ArrayList<>();

	final List<String> trail = new ArrayList<>();

	@BeforeEach
	void registerWithTheProvider() {
		provider.registerApplication(port);
	}

	@Test
	void aliceSignsInAtTheProviderAndTasklistWorksAsHer() throws Exception {
		HttpResponse<String> tasklist = signIn("alice");

		assertThat(tasklist.statusCode()).as(String.join("\n", trail) + "\n" + tasklist.body()).isEqualTo(200);
		assertThat(tasklist.uri().toString()).as("back at the page asked for, as it was")
			.isEqualTo(app("/camunda/app/tasklist/default/"));
		assertThat(visited).as("the authorization request carries a PKCE challenge")
			.anySatisfy(uri -> assertThat(uri.getQuery()).contains("code_challenge_method=S256"));
		JsonNode user = JSON.readTree(get("/camunda/api/admin/auth/user/default").body());
		assertThat(user.path("userId").asText()).isEqualTo("alice");
		assertThat(JSON.convertValue(user.path("authorizedApps"), List.class))
			.as("Tasklist, and Cockpit for the accounts she owns")
			.contains("tasklist", "cockpit")
			.doesNotContain("admin");
		HttpResponse<String> tasks = get("/camunda/api/engine/engine/default/task");
		assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
		HttpResponse<String> definitions = get("/camunda/api/engine/engine/default/process-definition?key="
				+ io.github.serviceaccounts.request.RequestProcess.PROCESS_ID);
		assertThat(definitions.statusCode()).as(definitions.body()).isEqualTo(200);
		assertThat(JSON.readTree(definitions.body()).size()).as("she may start a request").isEqualTo(1);
		HttpResponse<String> started = browser.send(HttpRequest
			.newBuilder(URI.create(app("/camunda/api/engine/engine/default/process-definition/key/"
					+ io.github.serviceaccounts.request.RequestProcess.PROCESS_ID + "/submit-form")))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers.ofString(JSON
				.writeValueAsString(java.util.Map.of("variables", AccessControlTests.request("svc_oidc_alice")))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		String request = JSON.readTree(started.body()).path("id").asText();
		JsonNode own = JSON.readTree(get("/camunda/api/engine/engine/default/history/process-instance").body());
		assertThat(own.findValuesAsText("id")).as("she reads her own request").contains(request);
		assertThat(historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(request)
			.singleResult()
			.getStartUserId()).isEqualTo("alice");
		assertThat(identityService.createUserQuery().userId("alice").count()).as("a Camunda user alice").isZero();
	}

	@Test
	void theProvidersGroupsAreMappedToTheApplicationsGroups() throws Exception {
		signIn("carol");
		JsonNode carol = JSON.readTree(get("/camunda/api/admin/auth/user/default").body());
		assertThat(JSON.convertValue(carol.path("authorizedApps"), List.class)).contains("tasklist", "cockpit")
			.doesNotContain("admin");
	}

	@Test
	void someoneInNoMappedGroupIsRefusedInWordsWithoutASession(CapturedOutput output) throws Exception {
		HttpResponse<String> refused = signIn("dave");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("You (dave) are in no group that has access here");
		assertThat(output.getAll()).contains("Web app sign-in refused (403)");
		assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).as("no session").isEqualTo(401);
	}

	@Test
	void camundasPasswordLoginIsClosed() throws Exception {
		signIn("alice");
		HttpResponse<String> login = browser
			.send(HttpRequest.newBuilder(URI.create(app("/camunda/api/admin/auth/user/default/login/tasklist")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
				.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(get("/camunda/api/admin/auth/user/default").body()).path("userId").asText())
			.isEqualTo("alice");
	}

	@Test
	void aPathThatIsNotCanonicalIsStillRefusedWith400() throws Exception {
		signIn("alice");
		for (String path : List.of("/camunda/api/engine/engine/default/task;x=1",
				"/camunda/api/engine/engine/default/task/%2e%2e/task", "/camunda/api/engine/engine/default//task")) {
			HttpResponse<String> refused = get(path);
			assertThat(refused.statusCode()).as(path + " " + refused.body()).isEqualTo(400);
		}
	}

	@Test
	void signOutEndsTheSessionHereAndAtTheProvider() throws Exception {
		signIn("bob");
		HttpResponse<String> tasks = get("/camunda/api/engine/engine/default/task");
		assertThat(tasks.statusCode()).as(String.join("\n", trail) + "\n" + tasks.headers() + tasks.body())
			.isEqualTo(200);
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(app("/logout"))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as("GET only asks").isEqualTo(200);
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
		assertThat(token.find()).as("a form that posts to /logout with a token: " + page.body()).isTrue();

		HttpResponse<String> logout = postLogout(token.group(1));

		assertThat(logout.statusCode()).isEqualTo(302);
		String location = logout.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(provider.issuer() + "/connect/logout").contains("id_token_hint=");
		assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).as("the session here").isEqualTo(401);
		visited.clear();
		HttpResponse<String> back = follow(location);
		assertThat(visited).as("back to the web apps").contains(URI.create(app("/camunda/app/")));
		assertThat(back.uri().toString()).as("the provider's session ended too: it asks to sign in again")
			.startsWith(provider.issuer() + "/login");
	}

	@Test
	void noOtherSiteCanSignAnyoneOut() throws Exception {
		signIn("bob");
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(app("/logout"))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<form").contains("method=\"post\"");
		assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).as("a link (GET) signs nobody out")
			.isEqualTo(200);

		assertThat(postLogout(null).statusCode()).as("POST without the token").isEqualTo(403);
		assertThat(postLogout("forged").statusCode()).as("POST with another token").isEqualTo(403);
		assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).as("still signed in").isEqualTo(200);
		HttpResponse<String> button = browser
			.send(HttpRequest.newBuilder(URI.create(app("/camunda/api/admin/auth/user/default/logout")))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(button.statusCode()).as("the web apps' sign-out call without their token").isEqualTo(403);
		assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).as("still signed in").isEqualTo(200);
	}

	@Test
	void tasklistsSignOutButtonEndsTheSessionHereAndAtTheProviderOnTheWayBack() throws Exception {
		signIn("alice");
		HttpResponse<String> logout = browser
			.send(HttpRequest.newBuilder(URI.create(app("/camunda/api/admin/auth/user/default/logout")))
				.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(logout.statusCode()).isEqualTo(204);
		assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
		// what the sign-in plugin asks on Camunda's login page, and where it then goes
		HttpResponse<String> whereToSignIn = get("/camunda/api/admin/auth/user/default");
		assertThat(whereToSignIn.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(whereToSignIn.body()).path("signIn").asText()).isEqualTo("/camunda/app/");
		HttpResponse<String> stylesStillLoading = browser
			.send(HttpRequest.newBuilder(URI.create(app("/camunda/app/tasklist/styles/user-styles.css")))
				.header("Accept", "text/css,*/*;q=0.1")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stylesStillLoading.headers().firstValue("Location").orElse(""))
			.as("a file that the last page still loads does not take the provider's sign-out")
			.doesNotContain("/connect/logout");
		visited.clear();
		HttpResponse<String> again = follow(app("/camunda/app/tasklist/default/"));
		assertThat(visited).as("through the provider's sign-out")
			.anySatisfy(uri -> assertThat(uri.toString()).startsWith(provider.issuer() + "/connect/logout")
				.contains("id_token_hint="));
		assertThat(again.uri().toString()).as("the provider's session ended too: it asks to sign in again")
			.startsWith(provider.issuer() + "/login");
		visited.clear();
		assertThat(follow(app("/camunda/app/tasklist/default/")).uri().toString())
			.as("the provider's sign-out is passed once only")
			.startsWith(provider.issuer() + "/login");
		assertThat(visited).noneSatisfy(uri -> assertThat(uri.getPath()).isEqualTo("/connect/logout"));
	}

	@Test
	void theWebAppsLoadTheSignInPlugin() throws Exception {
		signIn("carol");
		for (String webApp : List.of("tasklist", "cockpit")) {
			HttpResponse<String> index = follow(app("/camunda/app/" + webApp + "/default/"));
			assertThat(index.body()).as(webApp).contains(webApp + "-plugin-" + SignInAtProviderPlugin.ID);
			HttpResponse<String> plugin = get(
					"/camunda/api/" + webApp + "/plugin/" + SignInAtProviderPlugin.ID + "/static/app/plugin.js");
			assertThat(plugin.statusCode()).as(webApp).isEqualTo(200);
			assertThat(plugin.body()).contains("pluginPoint: `${appName}.login`").contains("answer.signIn");
			assertThat(get("/camunda/api/" + webApp + "/plugin/" + SignInAtProviderPlugin.ID + "/static/app/plugin.css")
				.statusCode()).as("Camunda loads every plugin's styles too").isEqualTo(200);
		}
	}

	@Test
	void claimsThatCannotBeAUserAreRefusedInWordsWithoutASessionAndLoggedWithoutTheToken(CapturedOutput output)
			throws Exception {
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("nameless", "The token has no user id: its claim 'preferred_username' is missing or empty");
		expected.put("blank", "The token has no user id: its claim 'preferred_username' is missing or empty");
		for (String person : List.of("caret", "comma", "spaced", "scripted")) {
			expected.put(person, "The user id in claim 'preferred_username' is not a ServiceNow user name");
		}
		expected.put("ungrouped", "The token's claim 'groups' is not a list of group names");
		for (Map.Entry<String, String> person : expected.entrySet()) {
			cookies.getCookieStore().removeAll();
			int before = output.getAll().length();

			HttpResponse<String> refused = signIn(person.getKey());

			assertThat(refused.statusCode()).as(person.getKey()).isEqualTo(401);
			assertThat(refused.body()).as(person.getKey()).contains(person.getValue());
			assertThat(get("/camunda/api/engine/engine/default/task").statusCode()).as(person.getKey() + ": no session")
				.isEqualTo(401);
			String logged = output.getAll().substring(before);
			assertThat(logged.lines().filter(line -> line.contains("Web app sign-in refused (401)")).count())
				.as(person.getKey() + ": one log line")
				.isEqualTo(1);
			assertThat(logged).as("no token in the log").doesNotContain("eyJ");
		}
	}

	HttpResponse<String> postLogout(String token) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(app("/logout")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(token == null ? "" : "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	String cookie(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(java.net.HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cookie " + name + ": " + cookies.getCookieStore().getCookies()));
	}

	/** Opens Tasklist and signs in at the provider as the person. */
	HttpResponse<String> signIn(String person) throws Exception {
		HttpResponse<String> loginPage = follow(app("/camunda/app/tasklist/"));
		assertThat(loginPage.uri().toString()).as("sent to the provider (" + loginPage.statusCode() + ")")
			.startsWith(provider.issuer() + "/login");
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(csrf.find()).as("the provider's login form").isTrue();
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + person + "&password=" + TestOpenIdProvider.PASSWORD
					+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		return follow(signedIn.uri().resolve(signedIn.headers().firstValue("Location").orElseThrow()).toString());
	}

	HttpResponse<String> follow(String url) throws Exception {
		URI uri = URI.create(url);
		for (int hops = 0; hops < 10; hops++) {
			visited.add(uri);
			HttpResponse<String> response = browser.send(
					HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml").build(),
					HttpResponse.BodyHandlers.ofString());
			trail.add(response.statusCode() + " " + uri + " " + response.headers().firstValue("Set-Cookie").orElse(""));
			if (response.statusCode() / 100 != 3) {
				return response;
			}
			uri = uri.resolve(response.headers().firstValue("Location").orElseThrow());
		}
		throw new AssertionError("more than 10 redirects: " + visited);
	}

	HttpResponse<String> get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(app(path))).header("Accept", "application/json").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	String app(String path) {
		return "http://localhost:" + port + path;
	}

}
