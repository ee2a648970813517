package io.github.serviceaccounts;

import static io.github.serviceaccounts.Await.waitFor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The engine REST API as the demo people use it in the journeys: basic authentication
 * with the demo password, typed variables, tasks awaited and completed.
 */
public class EngineRestCalls {

	private final int port;

	public EngineRestCalls(int port) {
		this.port = port;
	}

	public RestClient as(String user) {
		return RestClient.builder()
			.requestFactory(new SimpleClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port + "/engine-rest")
			.defaultHeaders(headers -> headers.setBasicAuth(user, "demo"))
			.build();
	}

	public static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

	public static Map<String, Object> bool(boolean value) {
		return Map.of("value", value, "type", "Boolean");
	}

	/**
	 * Starts a process by its key as {@code user}, with typed variables; the instance id.
	 */
	public String start(String user, String processKey, Map<String, Object> variables) {
		return (String) as(user).post()
			.uri("/process-definition/key/{key}/start", processKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("variables", variables))
			.retrieve()
			.body(Map.class)
			.get("id");
	}

	public Map<String, Object> awaitTask(String instanceId, String taskKey) throws InterruptedException {
		List<Map<String, Object>>[] found = new List[1];
		waitFor("task " + taskKey, Duration.ofSeconds(60), () -> {
			found[0] = tasks(instanceId, taskKey);
			return !found[0].isEmpty();
		});
		return found[0].get(0);
	}

	public List<Map<String, Object>> tasks(String instanceId, String taskKey) {
		return as("admin").get()
			.uri("/task?processInstanceId={id}&taskDefinitionKey={key}", instanceId, taskKey)
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
	}

	public void complete(String user, Map<String, Object> task, Map<String, Object> variables) {
		as(user).post()
			.uri("/task/{id}/complete", task.get("id"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("variables", variables))
			.retrieve()
			.toBodilessEntity();
	}

	public Object variable(String user, String instanceId, String name) {
		return as(user).get()
			.uri("/process-instance/{id}/variables/{name}", instanceId, name)
			.retrieve()
			.body(Map.class)
			.get("value");
	}

	public Object taskVariable(String user, Map<String, Object> task, String name) {
		return as(user).get()
			.uri("/task/{id}/variables/{name}", task.get("id"), name)
			.retrieve()
			.body(Map.class)
			.get("value");
	}

}
