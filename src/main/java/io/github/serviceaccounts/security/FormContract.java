package io.github.serviceaccounts.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.github.serviceaccounts.request.FormLabels;

/**
 * What a person may submit, read from the models and forms the application deploys
 * ({@code processes/}, {@code forms/}): each process's start form
 * ({@code camunda:formRef} of its start event) and each form's editable fields. A user
 * task's form is named after the task ({@code forms/<taskId>.form}).
 */
final class FormContract {

	private final Map<String, String> startFormByProcess;

	private final FormLabels forms;

	FormContract(Map<String, String> startFormByProcess, FormLabels forms) {
		this.startFormByProcess = Map.copyOf(startFormByProcess);
		this.forms = forms;
	}

	static FormContract fromClasspath() {
		Map<String, String> startForms = new HashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:processes/*.bpmn")) {
				try (InputStream in = resource.getInputStream()) {
					BpmnModelInstance model = Bpmn.readModelFromStream(in);
					for (Process process : model.getModelElementsByType(Process.class)) {
						for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
							if (start.getCamundaFormRef() != null) {
								startForms.put(process.getId(), start.getCamundaFormRef());
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the models under processes/", ex);
		}
		return new FormContract(startForms, FormLabels.deployed());
	}

	Optional<String> startForm(String processDefinitionKey) {
		return Optional.ofNullable(startFormByProcess.get(processDefinitionKey));
	}

	/** The form's editable fields; none for a form that does not exist. */
	Set<String> editableFields(String formId) {
		return forms.editableFields(formId).orElse(Set.of());
	}

	Set<String> processDefinitionKeys() {
		return startFormByProcess.keySet();
	}

}
