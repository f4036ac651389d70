from django.apps import AppConfig


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = "Courses and learning modules"
