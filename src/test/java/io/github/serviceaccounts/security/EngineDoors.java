package io.github.serviceaccounts.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two doors to the engine, as an attacker uses them: the engine REST API with basic
 * credentials, and the web apps' engine API with a logged-in Tasklist session and its
 * CSRF token, exactly as Tasklist sends its calls. Paths are given as the part after the
 * engine, e.g. {@code /task} or {@code /task;x=1}, and are sent as written (no encoding
 * or normalising on the way).
 */
public final class EngineDoors {

	public enum Door {

		ENGINE_REST, WEB_APPS

	}

	public static final ObjectMapper JSON = new ObjectMapper();

	private final int port;

	private final String password;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

	/**
	 * @param password every user's password
	 */
	public EngineDoors(int port, String password) {
		this.port = port;
		this.password = password;
	}

	public String base(Door door) {
		return "http://localhost:" + port
				+ (door == Door.ENGINE_REST ? "/engine-rest" : "/camunda/api/engine/engine/default");
	}

	public HttpResponse<String> send(Door door, String user, String method, String path, Object body) throws Exception {
		return sendRaw(door, user, method, path, body == null ? null : JSON.writeValueAsString(body));
	}

	HttpResponse<String> sendRaw(Door door, String user, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(door) + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (user != null && door == Door.ENGINE_REST) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		if (user != null && door == Door.WEB_APPS) {
			Map<String, String> cookies = session(user);
			request.header("Cookie", cookieHeader(cookies)).header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A web app call with the session's cookies but the given CSRF token (none when
	 * null), as a forged request has.
	 */
	HttpResponse<String> sendWithToken(Door door, String user, String method, String path, String token)
			throws Exception {
		Map<String, String> cookies = session(user);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(door) + path))
			.header("Content-Type", "application/json")
			.header("Cookie", cookieHeader(cookies))
			.method(method, HttpRequest.BodyPublishers.ofString("{}"));
		if (token != null) {
			request.header("X-XSRF-TOKEN", token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A Tasklist login, as a browser makes it. Cookies are kept by hand so that the prod
	 * profile's secure cookies are sent over the test's plain HTTP too.
	 */
	private Map<String, String> session(String user) throws Exception {
		Map<String, String> known = sessions.get(user);
		if (known != null) {
			return known;
		}
		Map<String, String> cookies = new HashMap<>();
		String app = "http://localhost:" + port + "/camunda/app/tasklist/default/";
		keep(cookies,
				http.send(HttpRequest.newBuilder(URI.create(app)).build(), HttpResponse.BodyHandlers.discarding()));
		HttpResponse<String> login = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookieHeader(cookies))
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (login.statusCode() != 200) {
			throw new IllegalStateException(
					"Tasklist login of " + user + " answered " + login.statusCode() + ": " + login.body());
		}
		keep(cookies, login);
		// A login starts a new session; its token comes with the next page, as in a
		// browser.
		keep(cookies, http.send(HttpRequest.newBuilder(URI.create(app)).header("Cookie", cookieHeader(cookies)).build(),
				HttpResponse.BodyHandlers.discarding()));
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
