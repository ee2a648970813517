package io.github.serviceaccounts.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camunda users that mirror the people seeded in the embedded ServiceNow simulator, for
 * the local demo only: alice requests (her manager is bob), bob approves, carol is a
 * fallback approver and admin administers. Created once, as the engine is built; an
 * existing user is left as it is.
 */
@Component
@ConditionalOnProperty(name = "serviceaccounts.demo-users", havingValue = "true")
class DemoUsers extends AbstractCamundaConfiguration {

	static final String FALLBACK_APPROVERS = "service-account-admins";
	static final String REQUESTERS = "service-account-requesters";

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	private record Person(String id, String firstName, String lastName, List<String> groups) {
	}

	private static final List<Person> PEOPLE = List.of(new Person("alice", "Alice", "Example", List.of(REQUESTERS)),
			new Person("bob", "Bob", "Manager", List.of(REQUESTERS)),
			new Person("carol", "Carol", "Admin", List.of(REQUESTERS, FALLBACK_APPROVERS)),
			new Person("admin", "Camunda", "Administrator", List.of(Groups.CAMUNDA_ADMIN)));

	private static final Map<String, String[]> GROUPS = Map.of(FALLBACK_APPROVERS,
			new String[] { "Service account admins", "WORKFLOW" }, REQUESTERS,
			new String[] { "Service account requesters", "WORKFLOW" }, Groups.CAMUNDA_ADMIN,
			new String[] { "Camunda administrators", Groups.GROUP_TYPE_SYSTEM });

	private final DemoUserProperties properties;

	DemoUsers(DemoUserProperties properties) {
		this.properties = properties;
	}

	// As the engine is built, before the web apps and the REST API take requests.
	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		ConcurrentStart.createWhenMissing(() -> createDemoUsers(processEngine.getIdentityService()));
	}

	private void createDemoUsers(IdentityService identityService) {
		if (properties.demoPassword() == null || properties.demoPassword().isBlank()) {
			throw new IllegalStateException(
					"serviceaccounts.demo-password must be set when serviceaccounts.demo-users is true");
		}
		GROUPS.forEach((id, nameAndType) -> {
			if (identityService.createGroupQuery().groupId(id).count() == 0) {
				Group group = identityService.newGroup(id);
				group.setName(nameAndType[0]);
				group.setType(nameAndType[1]);
				identityService.saveGroup(group);
			}
		});
		for (Person person : PEOPLE) {
			if (identityService.createUserQuery().userId(person.id()).count() > 0) {
				continue;
			}
			User user = identityService.newUser(person.id());
			user.setFirstName(person.firstName());
			user.setLastName(person.lastName());
			user.setEmail(person.id() + "@example.com");
			user.setPassword(properties.demoPassword());
			identityService.saveUser(user);
			for (String group : person.groups()) {
				identityService.createMembership(person.id(), group);
			}
			log.info("Demo user '{}' created", person.id());
		}
	}

}
