from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("courses", api.CourseViewSet, basename="course")
router.register("runs", api.RunViewSet, basename="run")
router.register("sessions", api.SessionViewSet, basename="session")
router.register("registrations", api.RegistrationViewSet, basename="registration")

urlpatterns = router.urls
