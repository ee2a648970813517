package io.github.serviceaccounts.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code GET /$restapi.do}: the simulator's stand-in for ServiceNow's REST API Explorer,
 * which the credentials mail links to. A few ready calls an owner can run as their new
 * account, each as a curl command and with a Run button that calls the simulator from the
 * browser. The owner types the password into the page; the page never holds one.
 * <p>
 * Served without login (the real page would ask for one; here the calls themselves do).
 * The account name comes from {@code ?user=}, checked against an allow-list and escaped
 * wherever it appears. Inline script and style run only with the nonce of this answer
 * (Content-Security-Policy), and the page may call nothing but the simulator's own
 * origin.
 */
final class RestApiExplorerPage {

	/**
	 * One ready call. {@code {user}} in the path stands for the account name,
	 * URL-encoded.
	 */
	record Call(String title, String explanation, String path) {
	}

	static final List<Call> CALLS = List.of(
			new Call("Your account and its last login",
					"Reads your own sys_user record. Every call that logs in as the account sets its"
							+ " last_login_time: the evidence that the account was used.",
					"api/now/table/sys_user?sysparm_query=user_name%3D{user}&sysparm_fields=user_name,last_login_time"),
			new Call("Your roles",
					"The roles the account holds through its groups (itil and rest_api_explorer at least).",
					"api/now/table/sys_user_has_role?sysparm_query=user.user_name%3D{user}&sysparm_fields=role.name,inherited"),
			new Call("Five incidents", "Reads the incident table, with labels instead of choice values.",
					"api/now/table/incident?sysparm_limit=5&sysparm_display_value=true"
							+ "&sysparm_fields=number,short_description,state,priority"));

	static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1," + TableSchema.USER_NAME_MAX_LENGTH + "}");

	private static final String PLACEHOLDER = "<user name>";

	private static final SecureRandom RANDOM = new SecureRandom();

	static boolean handles(String path) {
		// A browser sends the '$' as it is; other clients may encode it.
		return path.equals("/$restapi.do") || path.toLowerCase(Locale.ROOT).equals("/%24restapi.do");
	}

	SimResponse answer(SimRequest request) {
		if (!request.method().equals("GET")) {
			return SimResponse.error(405, "Method not Supported",
					"HTTP method " + request.method() + " is not supported for this resource");
		}
		String user = request.param("user");
		if (user != null && !user.isEmpty() && !USER_NAME.matcher(user).matches()) {
			// Not echoed: what was sent is of no use to the reader and may be hostile.
			return hardened(SimResponse.text(400, "text/plain;charset=UTF-8",
					"The query parameter 'user' must be an account's user name: 1 to "
							+ TableSchema.USER_NAME_MAX_LENGTH + " letters, digits, '.', '_' or '-'.\n"));
		}
		String nonce = nonce();
		return hardened(SimResponse.text(200, "text/html;charset=UTF-8",
				page(request.instanceUrl(), user == null || user.isEmpty() ? null : user, nonce)))
			.withHeader("Content-Security-Policy",
					"default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce
							+ "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
	}

	private static SimResponse hardened(SimResponse response) {
		return response.withHeader("X-Content-Type-Options", "nosniff")
			.withHeader("X-Frame-Options", "DENY")
			.withHeader("Referrer-Policy", "no-referrer")
			.withHeader("Cache-Control", "no-store");
	}

	static String page(String instanceUrl, String user, String nonce) {
		StringBuilder html = new StringBuilder(8_192);
		html.append("""
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>REST API Explorer (simulator)</title>
				""");
		html.append("<style nonce=\"").append(nonce).append("\">").append(STYLE).append("</style>\n");
		html.append("</head>\n<body data-instance=\"").append(escape(instanceUrl)).append("\">\n");
		html.append("""
				<h1>REST API Explorer (simulator)</h1>
				<p class="note">This is the embedded ServiceNow simulator, standing in for a real instance's REST API
				Explorer. Run the calls below as your service account, here or with curl, to see that the account
				works. It can read; writes are refused. Once GUI access is removed, a real instance no longer lets the
				account open its REST API Explorer, but REST calls such as these keep working.</p>
				<form id="credentials" autocomplete="off">
				""");
		html.append("<label>User name <input id=\"user\" name=\"user\" required maxlength=\"")
			.append(TableSchema.USER_NAME_MAX_LENGTH)
			.append("\" spellcheck=\"false\"");
		if (user != null) {
			html.append(" value=\"").append(escape(user)).append('"');
		}
		html.append(
				"""
						></label>
						<label>Password <input id="password" name="password" type="password" autocomplete="off" required></label>
						</form>
						<p class="note">The password goes from this page straight to the simulator, in the Authorization
						header of each call; nothing keeps it. The one-time password works for REST calls as it is: a real
						instance asks for a new one at the first login to its web interface only.</p>
						""");
		String shownUser = user == null ? PLACEHOLDER : user;
		for (int i = 0; i < CALLS.size(); i++) {
			Call call = CALLS.get(i);
			html.append("<section class=\"call\" data-path=\"").append(escape(call.path())).append("\">\n");
			html.append("<h2>").append(escape(call.title())).append("</h2>\n");
			html.append("<p>").append(escape(call.explanation())).append("</p>\n");
			html.append("<pre class=\"curl\">")
				.append(escape(curl(instanceUrl, call.path(), shownUser)))
				.append("</pre>\n");
			html.append(
					"<button type=\"button\" class=\"run\">Run</button> <span class=\"status\" role=\"status\"></span>\n");
			html.append("<pre class=\"answer\" hidden></pre>\n</section>\n");
		}
		html.append("""
				<p class="note">curl asks for the password when you run the command, so it stays out of your
				shell's history.</p>
				""");
		html.append("<script nonce=\"").append(nonce).append("\">").append(SCRIPT).append("</script>\n");
		html.append("</body>\n</html>\n");
		return html.toString();
	}

	/**
	 * The same command the page's script shows once the user name is typed: curl prompts
	 * for the password.
	 */
	static String curl(String instanceUrl, String path, String user) {
		String encodedUser = user.equals(PLACEHOLDER) ? user : URLEncoder.encode(user, StandardCharsets.UTF_8);
		return "curl -u " + shellQuoted(user) + " -H 'Accept: application/json' "
				+ shellQuoted(instanceUrl + "/" + path.replace("{user}", encodedUser));
	}

	private static String shellQuoted(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static String nonce() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static final String STYLE = """
			body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
			  color: #1d1d1d; }
			h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-bottom: .3rem; }
			.note { color: #444; }
			form { display: flex; gap: 1.5rem; flex-wrap: wrap; padding: 1rem; background: #f3f5f7;
			  border-radius: 6px; }
			input { font: inherit; padding: .25rem .4rem; margin-left: .4rem; }
			.call { border-top: 1px solid #d0d5da; margin-top: 1.5rem; }
			pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap;
			  word-break: break-all; }
			button { font: inherit; padding: .25rem 1rem; }
			.status { margin-left: .6rem; font-weight: 600; }
			""";

	/**
	 * Builds each call from the typed user name, keeps the shown curl command in step,
	 * and runs a call with fetch. No cookies go along (credentials: 'omit'), and no
	 * browser login dialog opens on a 401; what the simulator answers is shown as text.
	 */
	private static final String SCRIPT = """
			(function () {
			  'use strict';
			  var user = document.getElementById('user');
			  var password = document.getElementById('password');
			  var instance = document.body.dataset.instance;
			  var calls = document.querySelectorAll('.call');

			  function quoted(value) {
			    return "'" + value.split("'").join("'\\\\''") + "'";
			  }
			  function name() {
			    return user.value.trim();
			  }
			  function pathOf(call, shownName) {
			    return call.dataset.path.split('{user}').join(shownName === null ? '<user name>' : encodeURIComponent(shownName));
			  }
			  function showCurl() {
			    var typed = name() === '' ? null : name();
			    calls.forEach(function (call) {
			      call.querySelector('.curl').textContent = 'curl -u ' + quoted(typed === null ? '<user name>' : typed)
			        + " -H 'Accept: application/json' " + quoted(instance + '/' + pathOf(call, typed));
			    });
			  }
			  function basic(userName, secret) {
			    var bytes = new TextEncoder().encode(userName + ':' + secret);
			    var binary = '';
			    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
			    return 'Basic ' + btoa(binary);
			  }
			  async function run(call) {
			    var status = call.querySelector('.status');
			    var answer = call.querySelector('.answer');
			    if (name() === '' || password.value === '') {
			      status.textContent = 'Type the user name and the password first.';
			      return;
			    }
			    status.textContent = 'Calling\\u2026';
			    answer.hidden = true;
			    try {
			      var response = await fetch(pathOf(call, name()), {
			        method: 'GET',
			        headers: { 'Accept': 'application/json', 'Authorization': basic(name(), password.value) },
			        credentials: 'omit',
			        cache: 'no-store',
			        redirect: 'error'
			      });
			      var text = await response.text();
			      try {
			        text = JSON.stringify(JSON.parse(text), null, 2);
			      } catch (notJson) {
			        // shown as it came
			      }
			      status.textContent = 'HTTP ' + response.status + (response.ok ? '' : ' (see the answer)');
			      answer.textContent = text;
			      answer.hidden = false;
			    } catch (failed) {
			      status.textContent = 'The call failed: ' + failed.message;
			    }
			  }

			  user.addEventListener('input', showCurl);
			  document.getElementById('credentials').addEventListener('submit', function (event) {
			    event.preventDefault();
			    run(calls[0]);
			  });
			  calls.forEach(function (call) {
			    call.querySelector('.run').addEventListener('click', function () { run(call); });
			  });
			  showCurl();
			})();
			""";

}
