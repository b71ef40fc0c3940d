"""ai4med-c3w2 question answering written the way the course's notebook has learners write it
(a second reference): two loops over start and end positions with a strict '>' and the running
maximum, the verbose prints, and the course's construct_answer (join, drop ' ##', strip, the
'@' rule). It must get full marks: the graders keep the course's contract.
"""

import numpy as np


def get_span_from_scores(start_scores, end_scores, input_mask, verbose=False):
    n = len(start_scores)
    max_start_i = -1
    max_end_j = -1
    max_start_score = -np.inf
    max_end_score = -np.inf
    max_sum = -np.inf

    for i in range(n):
        if input_mask[i] == 1:
            for j in range(i, n):
                if input_mask[j] == 1:
                    if start_scores[i] + end_scores[j] > max_sum:
                        max_sum = start_scores[i] + end_scores[j]
                        max_start_i = i
                        max_end_j = j
                        max_start_score = start_scores[i]
                        max_end_score = end_scores[j]

    if verbose:
        print(f"max start is at index i={max_start_i} and score {max_start_score}")
        print(f"max end is at index i={max_end_j} and score {max_end_score}")
        print(f"max start + max end sum of scores is {max_sum}")
    return max_start_i, max_end_j


def construct_answer(tokens):
    out_string = " ".join(tokens)
    out_string = out_string.replace(" ##", "")
    out_string = out_string.strip()

    if "@" in tokens:
        out_string = out_string.replace(" ", "")

    return out_string
