"""A published set with known results for the evaluation tests: four objectives, one reached,
one not reached, one without data, one with two targets (one reached, one missed)."""

from datetime import date

from objectives.models import Comparison

YEAR_END = date(2025, 1, 15)


def known_results(objective_set, user):
    """Objective 1 reached (97.5% ≥ 96%), 2 not reached (2 late files, at most 0), 3 no data,
    4 one target reached and one missed."""
    # Imported here: the monitoring conftest imports this module.
    from tests.monitoring.conftest import add_objective, put

    on_time = add_objective(
        objective_set,
        content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
        targets=[{"wording": "≥ 96%", "indicator": "Tỷ lệ hồ sơ đúng hạn"}],
    )
    put(on_time.targets.get(), "2024-Q1", numerator=480, denominator=500, user=user)
    put(on_time.targets.get(), "2024-Q2", numerator=495, denominator=500, user=user)
    late = add_objective(
        objective_set,
        content="Tỷ lệ hồ sơ quá hạn bằng không.",
        frequencies=("yearly",),
        targets=[
            {"comparison": Comparison.AT_MOST, "value": 0, "unit": "hồ sơ", "wording": "bằng không"}
        ],
    )
    put(late.targets.get(), "2024-Y", value=2, user=user)
    add_objective(
        objective_set,
        content="Mức độ hài lòng của người dân đạt ít nhất 90%.",
        targets=[{"value": 90, "wording": "≥ 90%"}],
    )
    training = add_objective(
        objective_set,
        content="Đào tạo nghiệp vụ và đánh giá nội bộ hằng năm.",
        frequencies=("yearly",),
        targets=[
            {"comparison": Comparison.AT_LEAST, "value": 2, "unit": "lớp", "wording": "02 lớp"},
            {"comparison": Comparison.AT_LEAST, "value": 1, "unit": "lần", "wording": "01 lần"},
        ],
    )
    first, second = training.targets.order_by("order")
    put(first, "2024-Y", value=3, user=user)
    put(second, "2024-Y", value=0, user=user)
    return [on_time, late, None, training]
