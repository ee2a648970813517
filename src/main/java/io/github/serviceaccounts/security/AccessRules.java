package io.github.serviceaccounts.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.lifecycle.AdoptAccountProcess;
import io.github.serviceaccounts.lifecycle.AdoptionProcess;
import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.lifecycle.RetireProcess;
import io.github.serviceaccounts.lifecycle.SweepProcess;
import io.github.serviceaccounts.request.RequestProcess;

/**
 * Least privilege, granted to groups as the engine is built, and again at every start
 * without creating a second copy:
 * <ul>
 * <li>requesters use Tasklist and start "Service account request"; they see their own
 * requests ({@link RequesterAuthorizationProvider}) and the tasks given to them (the
 * engine grants an assignee or a candidate the right to work on that task only). They may
 * open Cockpit too, for its "Service accounts" page, where an owner finds the accounts
 * they own or owned and a manager those of the people who report to them (the plugin
 * decides, on the server). Cockpit's own views show them only what these grants allow:
 * their own requests, no other instance, task, incident or deployment;</li>
 * <li>fallback approvers also read every request, running or finished, in Cockpit;</li>
 * <li>{@code camunda-admin} administers.</li>
 * </ul>
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class AccessRules extends AbstractCamundaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AccessRules.class);

	private final AccessProperties groups;

	AccessRules(AccessProperties groups) {
		this.groups = groups;
	}

	record Grant(String group, Resource resource, String resourceId, Permission... permissions) {
	}

	/**
	 * The processes whose instances, tasks and history the fallback approvers read in
	 * Cockpit: the request and everything of an account's life after it.
	 */
	static final List<String> COCKPIT_PROCESSES = List.of(RequestProcess.PROCESS_ID, LifecycleProcess.PROCESS_ID,
			RetireProcess.PROCESS_ID, AdoptionProcess.PROCESS_ID, AdoptAccountProcess.PROCESS_ID,
			SweepProcess.PROCESS_ID);

	List<Grant> grants() {
		String requesters = groups.requesterGroup();
		String fallback = groups.fallbackApproverGroup();
		List<Grant> grants = new java.util.ArrayList<>(fixedGrants(requesters, fallback));
		for (String process : COCKPIT_PROCESSES) {
			grants.add(new Grant(fallback, Resources.PROCESS_DEFINITION, process, Permissions.READ,
					ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
					ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
					ProcessDefinitionPermissions.READ_HISTORY_VARIABLE));
		}
		return grants;
	}

	private static List<Grant> fixedGrants(String requesters, String fallback) {
		return List.of(new Grant(requesters, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
				new Grant(requesters, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
				new Grant(requesters, Resources.FILTER, ANY, Permissions.READ),
				new Grant(requesters, Resources.PROCESS_DEFINITION, RequestProcess.PROCESS_ID, Permissions.READ,
						ProcessDefinitionPermissions.CREATE_INSTANCE),
				// an owner asks for the retirement of their account (the start checks
				// that they own it)
				new Grant(requesters, Resources.PROCESS_DEFINITION, RetireProcess.PROCESS_ID, Permissions.READ,
						ProcessDefinitionPermissions.CREATE_INSTANCE),
				new Grant(requesters, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE),
				new Grant(fallback, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
				new Grant(fallback, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
				new Grant(fallback, Resources.FILTER, ANY, Permissions.READ),
				new Grant(fallback, Resources.PROCESS_DEFINITION, RetireProcess.PROCESS_ID, Permissions.READ,
						ProcessDefinitionPermissions.CREATE_INSTANCE),
				new Grant(fallback, Resources.PROCESS_DEFINITION, AdoptionProcess.PROCESS_ID, Permissions.READ,
						ProcessDefinitionPermissions.CREATE_INSTANCE),
				new Grant(fallback, Resources.PROCESS_INSTANCE, ANY, Permissions.READ),
				// Cockpit's human-task overview reads every task
				new Grant(fallback, Resources.TASK, ANY, Permissions.READ),
				new Grant(fallback, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ),
				new Grant(fallback, Resources.DEPLOYMENT, ANY, Permissions.READ));
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		ConcurrentStart.createWhenMissing(() -> createGrants(engine));
	}

	private void createGrants(ProcessEngine engine) {
		AuthorizationService authorizations = engine.getAuthorizationService();
		int created = 0;
		for (Resources resource : Resources.values()) {
			created += grant(authorizations, new Grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL));
		}
		for (Grant grant : grants()) {
			created += grant(authorizations, grant);
		}
		log.info(
				"Access rules in place ({} authorizations created): requesters '{}', fallback approvers '{}', administrators '{}'",
				created, groups.requesterGroup(), groups.fallbackApproverGroup(), Groups.CAMUNDA_ADMIN);
	}

	/**
	 * Adds the permissions to the group's grant for that resource, creating it only when
	 * missing.
	 */
	private static int grant(AuthorizationService authorizations, Grant grant) {
		Authorization existing = authorizations.createAuthorizationQuery()
			.authorizationType(AUTH_TYPE_GRANT)
			.groupIdIn(grant.group())
			.resourceType(grant.resource())
			.resourceId(grant.resourceId())
			.singleResult();
		Authorization authorization = existing;
		if (authorization == null) {
			authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
			authorization.setGroupId(grant.group());
			authorization.setResource(grant.resource());
			authorization.setResourceId(grant.resourceId());
		}
		boolean complete = existing != null;
		for (Permission permission : grant.permissions()) {
			complete &= authorization.isPermissionGranted(permission);
			authorization.addPermission(permission);
		}
		if (complete) {
			return 0;
		}
		authorizations.saveAuthorization(authorization);
		return existing == null ? 1 : 0;
	}

}
