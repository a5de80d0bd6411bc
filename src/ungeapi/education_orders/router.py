"""/v1/education-orders (R24): the jobcentre's assessments of education orders and their deadlines."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.http import Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.education_orders import schemas, service

router = APIRouter(prefix="/v1/education-orders", tags=["education orders"])

Reader = Annotated[Call, call_as("cases:read", purpose="casework")]
Writer = Annotated[Call, call_as("cases:write", purpose="casework")]


class OrdersQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's education orders (den unge).")


orders = Collection(router, schemas.EducationOrderRead, "order_id", reader=Reader, writer=Writer)
orders.create(
    "record_education_order",
    schemas.EducationOrderCreate,
    service.record_education_order,
    "Record the assessment of an education order (uddannelsespålæg, LAB § 30) and the order's\n"
    "deadlines; satisfies `education_order.assessment_due` (R24).",
)
orders.page(
    "list_education_orders",
    OrdersQuery,
    service.list_education_orders,
    "List education orders you may see (uddannelsespålæg), oldest first.",
)
orders.read("read_education_order", service.read_education_order, "Read one education order.")
orders.change(
    "change_education_order",
    schemas.EducationOrderUpdate,
    service.change_education_order,
    "Record the youth's proposal or application, or correct the assessment; needs If-Match.",
)
