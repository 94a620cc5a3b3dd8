{{- define "foresail.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "foresail.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "foresail.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "foresail.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component (web, worker, migrate). */}}
{{- define "foresail.selectorLabels" -}}
app.kubernetes.io/name: {{ include "foresail.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "foresail.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end -}}

{{- define "foresail.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "foresail.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "foresail.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "foresail.fullname" .)) -}}
{{- end -}}

{{- define "foresail.cnpgName" -}}
{{- printf "%s-db" (include "foresail.fullname" .) | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "foresail.tlsSecretName" -}}
{{- .Values.ingress.tls.secretName | default (printf "%s-tls" (include "foresail.fullname" .)) -}}
{{- end -}}

{{/* DATABASE_URL: CloudNativePG's generated app Secret, or ours / the user's. */}}
{{- define "foresail.databaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
{{- if .Values.database.cloudnativepg.enabled }}
      name: {{ include "foresail.cnpgName" . }}-app
      key: uri
{{- else }}
      name: {{ include "foresail.secretName" . }}
      key: {{ .Values.secrets.keys.databaseUrl }}
{{- end }}
{{- end -}}

{{/* Environment shared by web and worker: secrets (optional keys, so existingSecret may hold a subset) and the config file. */}}
{{- define "foresail.env" -}}
- name: FORESAIL_CONFIG
  value: /etc/foresail/foresail.yaml
- name: FORESAIL_DATA_DIR
  value: /tmp/foresail
- name: NODE_ENV
  value: production
{{ include "foresail.databaseEnv" . }}
- name: FORESAIL_SESSION_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "foresail.secretName" . }}
      key: {{ .Values.secrets.keys.sessionSecret }}
- name: GITHUB_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "foresail.secretName" . }}
      key: {{ .Values.secrets.keys.githubClientSecret }}
      optional: true
- name: LDAP_BIND_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "foresail.secretName" . }}
      key: {{ .Values.secrets.keys.ldapBindPassword }}
      optional: true
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "foresail.volumeMounts" -}}
- name: config
  mountPath: /etc/foresail/foresail.yaml
  subPath: foresail.yaml
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- range .Values.kubeconfigSecrets }}
- name: kubeconfig-{{ .name }}
  mountPath: /etc/foresail/kubeconfigs/{{ .name }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "foresail.volumes" -}}
- name: config
  configMap:
    name: {{ include "foresail.fullname" . }}-config
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- range .Values.kubeconfigSecrets }}
- name: kubeconfig-{{ .name }}
  secret:
    secretName: {{ .secretName }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{/* Spread one component's pods over nodes and zones without ever blocking scheduling. */}}
{{- define "foresail.topologySpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "foresail.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "foresail.selectorLabels" . | nindent 8 }}
{{- end -}}
