package io.github.serviceaccounts.cockpit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls Cockpit's APIs as Cockpit does: with the session of a Cockpit login (as a browser
 * makes it), or with none.
 */
class CockpitWebSession {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

	CockpitWebSession(int port) {
		this.port = port;
	}

	/** A GET of a path (after the host), raw as given, as the user; null: no session. */
	HttpResponse<String> get(String user, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (user == null) {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		Map<String, String> cookies = session(user);
		request.header("Cookie", cookieHeader(cookies));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		keep(cookies, response);
		return response;
	}

	/**
	 * A POST of a JSON body to a path (after the host), as the user, with the session's
	 * CSRF token as Cockpit sends it.
	 */
	HttpResponse<String> post(String user, String path, String json) throws Exception {
		Map<String, String> cookies = session(user);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Cookie", cookieHeader(cookies))
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		keep(cookies, response);
		return response;
	}

	private Map<String, String> session(String user) throws Exception {
		Map<String, String> known = sessions.get(user);
		if (known != null) {
			return known;
		}
		Map<String, String> cookies = new HashMap<>();
		String app = "http://localhost:" + port + "/camunda/app/cockpit/default/";
		keep(cookies,
				http.send(HttpRequest.newBuilder(URI.create(app)).build(), HttpResponse.BodyHandlers.discarding()));
		HttpResponse<String> login = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/cockpit"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookieHeader(cookies))
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (login.statusCode() != 200) {
			throw new IllegalStateException(
					"login of " + user + " answered " + login.statusCode() + ": " + login.body());
		}
		keep(cookies, login);
		// the login starts a new session, whose CSRF token comes with the next answer
		keep(cookies,
				http.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default"))
					.header("Cookie", cookieHeader(cookies))
					.build(), HttpResponse.BodyHandlers.discarding()));
		sessions.put(user, cookies);
		return cookies;
	}

	private static void keep(Map<String, String> cookies, HttpResponse<?> response) {
		List<String> set = response.headers().allValues("Set-Cookie");
		for (String cookie : set) {
			String pair = cookie.split(";", 2)[0];
			int equals = pair.indexOf('=');
			if (equals > 0) {
				cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
	}

	private static String cookieHeader(Map<String, String> cookies) {
		return String.join("; ",
				cookies.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
	}

}
