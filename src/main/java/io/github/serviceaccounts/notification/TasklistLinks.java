package io.github.serviceaccounts.notification;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.ServiceAccountsProperties;

/**
 * The links that mails carry into Tasklist: Tasklist itself, and one task in it (Tasklist
 * opens the task named by {@code #/?task=<id>}).
 * <p>
 * {@code serviceaccounts.tasklist-url} is used as given when it is set. Otherwise the
 * links lead to where this application listens: the port the web server actually took (so
 * {@code server.port=0} gives the real one), {@code server.address} when the server is
 * bound to one address, else {@code localhost}, and the context path. That is known only
 * once the web server has started; mails are written in jobs after that.
 */
@Component
public class TasklistLinks implements ApplicationListener<WebServerInitializedEvent> {

	static final String PROPERTY = "serviceaccounts.tasklist-url";

	private static final Logger log = LoggerFactory.getLogger(TasklistLinks.class);

	private final String configured;

	private final ServerProperties server;

	private final String webAppPath;

	private volatile String listening;

	@Autowired
	TasklistLinks(ServiceAccountsProperties properties, ServerProperties server, CamundaBpmProperties camunda) {
		this(properties.tasklistUrl(), server, camunda.getWebapp().getApplicationPath());
	}

	TasklistLinks(String configured, ServerProperties server, String webAppPath) {
		this.configured = (configured == null || configured.isBlank()) ? null : withTrailingSlash(configured.strip());
		this.server = server;
		this.webAppPath = withoutTrailingSlash(webAppPath == null ? "" : webAppPath);
	}

	/** Tasklist's start page. */
	public String tasklist() {
		if (configured != null) {
			return configured;
		}
		String url = listening;
		if (url == null) {
			throw new IllegalStateException("The link into Tasklist is not known yet: " + PROPERTY
					+ " is not set, and the web server, whose port and address it would follow, has not started");
		}
		return url;
	}

	/**
	 * The page of the request's open task of that kind (the approval, the validation), or
	 * Tasklist itself when there is none.
	 */
	public String waitingTask(DelegateExecution execution, String taskDefinitionKey) {
		return execution.getProcessEngineServices()
			.getTaskService()
			.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskDefinitionKey)
			.list()
			.stream()
			.findFirst()
			.map(found -> task(found.getId()))
			.orElse(tasklist());
	}

	/** The page of one task in Tasklist. */
	public String task(String taskId) {
		if (taskId == null || taskId.isBlank()) {
			throw new IllegalArgumentException("A link to a task needs the task's id, got none");
		}
		return tasklist() + "#/?task=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (configured != null || event.getApplicationContext().getServerNamespace() != null) {
			// Set explicitly, or the management server on a port of its own: no Tasklist
			// there.
			return;
		}
		listening = (Ssl.isEnabled(server.getSsl()) ? "https" : "http") + "://" + host(server.getAddress()) + ":"
				+ event.getWebServer().getPort() + withoutTrailingSlash(server.getServlet().getContextPath())
				+ webAppPath + "/app/tasklist/";
		log.info("Links in mails lead to Tasklist at {} ({} is not set, so they follow this server)", listening,
				PROPERTY);
	}

	/** The server's address as a URL names it; {@code localhost} when bound to all. */
	static String host(InetAddress address) {
		if (address == null || address.isAnyLocalAddress()) {
			return "localhost";
		}
		String literal = address.getHostAddress();
		if (address instanceof Inet6Address) {
			int scope = literal.indexOf('%');
			return "[" + (scope < 0 ? literal : literal.substring(0, scope)) + "]";
		}
		return literal;
	}

	private static String withTrailingSlash(String url) {
		return url.endsWith("/") ? url : url + "/";
	}

	private static String withoutTrailingSlash(String path) {
		String result = (path == null) ? "" : path;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

}
