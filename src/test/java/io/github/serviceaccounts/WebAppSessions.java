package io.github.serviceaccounts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins to one of the web apps (Tasklist, Cockpit), as a browser makes them: the app's
 * page for the first cookies, the login form, then a page of the new session for its CSRF
 * token. One session per user, kept for the next call. Cookies are kept by hand, so that
 * the prod profile's secure cookies are sent over the test's plain HTTP too.
 */
public final class WebAppSessions {

	private final HttpClient http;

	private final String origin;

	private final String app;

	private final String password;

	private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

	/**
	 * @param app {@code tasklist} or {@code cockpit}
	 * @param password every user's password
	 */
	public WebAppSessions(HttpClient http, int port, String app, String password) {
		this.http = http;
		this.origin = "http://localhost:" + port;
		this.app = app;
		this.password = password;
	}

	/** The cookies of the user's session, logging in the first time. */
	public Map<String, String> cookies(String user) throws Exception {
		Map<String, String> known = sessions.get(user);
		if (known != null) {
			return known;
		}
		Map<String, String> cookies = new ConcurrentHashMap<>();
		String page = origin + "/camunda/app/" + app + "/default/";
		keep(cookies,
				http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.discarding()));
		HttpResponse<String> login = http
			.send(HttpRequest.newBuilder(URI.create(origin + "/camunda/api/admin/auth/user/default/login/" + app))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", cookieHeader(cookies))
				.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (login.statusCode() != 200) {
			throw new IllegalStateException(
					app + " login of " + user + " answered " + login.statusCode() + ": " + login.body());
		}
		keep(cookies, login);
		// A login starts a new session; its token comes with the next page, as in a
		// browser.
		keep(cookies,
				http.send(HttpRequest.newBuilder(URI.create(page)).header("Cookie", cookieHeader(cookies)).build(),
						HttpResponse.BodyHandlers.discarding()));
		sessions.put(user, cookies);
		return cookies;
	}

	/** Keeps the cookies an answer sets. */
	public static void keep(Map<String, String> cookies, HttpResponse<?> response) {
		List<String> set = response.headers().allValues("Set-Cookie");
		for (String cookie : set) {
			String pair = cookie.split(";", 2)[0];
			int equals = pair.indexOf('=');
			if (equals > 0) {
				cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
	}

	public static String cookieHeader(Map<String, String> cookies) {
		return String.join("; ",
				cookies.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
	}

}
