package io.netctl.cli.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.ipam.OneLine;
import io.netctl.validator.observe.SecretSource;
import java.util.Base64;
import java.util.List;

/**
 * The BGP password Secrets as calico-node's confd reads them, from the Kubernetes API: the Secret
 * by name in calico-node's namespace ({@code NAMESPACE}, default {@code kube-system}: {@code
 * confd/pkg/backends/calico/secret_watcher.go NewSecretWatcher}), its key's bytes as stored, and
 * whether calico-node's service account may list and watch it — confd watches the one Secret with
 * a {@code metadata.name} field selector ({@code ensureWatchingSecret}) — asked of the API server
 * with a LocalSubjectAccessReview. The controller needs get on that Secret and create on
 * localsubjectaccessreviews in that namespace (deploy/calico-node-bgp-secret.yaml).
 */
public final class KubeSecrets implements SecretSource {
  private final KubernetesClient client;
  private final String namespace;
  private final String serviceAccount;

  /**
   * @param namespace calico-node's namespace
   * @param serviceAccount calico-node's service account in it
   */
  public KubeSecrets(KubernetesClient client, String namespace, String serviceAccount) {
    this.client = client;
    this.namespace = namespace;
    this.serviceAccount = serviceAccount;
  }

  @Override
  public String where() {
    return "namespace " + namespace + ", as service account " + serviceAccount + " would read them";
  }

  @Override
  public SecretRead read(SecretRef ref) {
    Secret s;
    try {
      s = client.secrets().inNamespace(namespace).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      return new Unknown("the controller could not read Secret " + namespace + "/" + ref.name()
          + (e.getCode() == 403 ? " (forbidden: apply deploy/calico-node-bgp-secret.yaml)" : "") + ": " + OneLine.of(e.getMessage(), "no message"));
    }
    if (s == null) {
      return new Unreadable("no Secret " + ref.name() + " in namespace " + namespace);
    }
    String encoded = s.getData() == null ? null : s.getData().get(ref.key());
    if (encoded == null) {
      return new Unreadable("Secret " + namespace + "/" + ref.name() + " has no key " + ref.key());
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return new Unknown("Secret " + namespace + "/" + ref.name() + " key " + ref.key() + " is not base64 as the API server returns it");
    }
    for (String verb : List.of("list", "watch")) {
      Boolean allowed = allowed(ref.name(), verb);
      if (Boolean.FALSE.equals(allowed)) {
        return new Unreadable("service account " + namespace + "/" + serviceAccount + " may not " + verb + " Secret " + ref.name()
            + " (confd watches it by name): apply deploy/calico-node-bgp-secret.yaml");
      }
    }
    return new Readable(value);
  }

  /** Whether calico-node's service account may {@code verb} the Secret; null when the API server does not say. */
  private Boolean allowed(String secret, String verb) {
    String user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
    LocalSubjectAccessReview review = new LocalSubjectAccessReviewBuilder()
        .withNewMetadata().withNamespace(namespace).endMetadata()
        .withNewSpec()
        .withUser(user)
        .withGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
        .withNewResourceAttributes().withNamespace(namespace).withVerb(verb).withResource("secrets").withName(secret).endResourceAttributes()
        .endSpec()
        .build();
    try {
      LocalSubjectAccessReview answer = client.authorization().v1().localSubjectAccessReview().inNamespace(namespace).create(review);
      return answer == null || answer.getStatus() == null ? null : answer.getStatus().getAllowed();
    } catch (KubernetesClientException e) {
      return null;
    }
  }
}
