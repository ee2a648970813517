package io.github.serviceaccounts.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a person may submit with each form, read from the deployed Camunda Forms
 * themselves ({@code forms/*.form}): every keyed field that is neither disabled nor
 * read-only. One source of truth: a field added to a form may be submitted; nothing else
 * may.
 */
final class FormFields {

	private final Map<String, Set<String>> editableByForm;

	private FormFields(Map<String, Set<String>> editableByForm) {
		this.editableByForm = Map.copyOf(editableByForm);
	}

	static FormFields fromClasspath() {
		Map<String, Set<String>> forms = new HashMap<>();
		ObjectMapper json = new ObjectMapper();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:forms/*.form")) {
				try (InputStream in = resource.getInputStream()) {
					JsonNode form = json.readTree(in);
					Set<String> keys = new LinkedHashSet<>();
					collect(form.path("components"), keys);
					forms.put(form.path("id").asText(), Set.copyOf(keys));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the forms under forms/", ex);
		}
		return new FormFields(forms);
	}

	private static void collect(JsonNode components, Set<String> keys) {
		for (JsonNode component : components) {
			boolean locked = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
			if (component.hasNonNull("key") && !locked) {
				keys.add(component.path("key").asText());
			}
			collect(component.path("components"), keys);
		}
	}

	/** The editable keys of a form, or empty when there is no such form. */
	Optional<Set<String>> editable(String formId) {
		return Optional.ofNullable(editableByForm.get(formId));
	}

}
